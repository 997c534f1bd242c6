import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";

/**
 * EXAMPLE module service: a tiny pre-check of a building-permit file (expediente de permiso de
 * edificación) for a Dirección de Obras Municipales, to show how a commune's service sits behind
 * the module gateway. It is the gateway's *upstream*: it does not check API keys (the gateway
 * does) and is registered only with EXAMPLE_MODULE (default: on outside production).
 *
 * It refuses calls without the x-ciar-commune header that the gateway adds. That is an example
 * convention to show that the service is meant to be reached through the gateway, NOT security:
 * anyone who can reach the service directly can send the header. A real upstream must not be
 * reachable except from the gateway (network policy, or a shared secret checked by the service).
 *
 * The rules below are a simplified illustration, not legal advice nor an official tool.
 */

const BASE = "/examples/dom-permisos";
const COMMUNE_HEADER = "x-ciar-commune";

const AVISO =
  "EJEMPLO de demostración: no es una herramienta oficial ni reemplaza la revisión de la Dirección de " +
  "Obras Municipales. Los requisitos y plazos están simplificados; consulte la LGUC, la OGUC y la " +
  "Ley 21.718 vigentes.";

/** Simplified document lists per kind of work (illustrative, after OGUC art. 5.1.6). */
const TIPOS = {
  obra_nueva: {
    nombre: "Permiso de edificación de obra nueva",
    documentos: [
      "formulario",
      "certificado_informaciones_previas",
      "planos",
      "especificaciones_tecnicas",
      "calculo_estructural",
      "factibilidad_servicios",
      "cuadro_superficies",
    ],
  },
  ampliacion: {
    nombre: "Permiso de ampliación",
    documentos: [
      "formulario",
      "certificado_informaciones_previas",
      "planos",
      "especificaciones_tecnicas",
      "cuadro_superficies",
    ],
  },
  demolicion: {
    nombre: "Permiso de demolición",
    documentos: ["formulario", "planos", "programa_demolicion"],
  },
} as const;

const DOCUMENTOS: Record<string, string> = {
  formulario: "Formulario único de solicitud firmado por el propietario y el arquitecto",
  certificado_informaciones_previas: "Certificado de informaciones previas (CIP) vigente",
  planos: "Planos de arquitectura",
  especificaciones_tecnicas: "Especificaciones técnicas",
  calculo_estructural: "Proyecto de cálculo estructural",
  factibilidad_servicios: "Certificado de factibilidad de agua potable y alcantarillado",
  cuadro_superficies: "Cuadro de superficies",
  programa_demolicion: "Programa de demolición y medidas de seguridad",
};

/** Occupancy load above which the example applies the longer term (illustrative threshold). */
const CARGA_OCUPACION_GRANDE = 1_000;
const PLAZO_DIAS = 30;
const PLAZO_DIAS_GRANDE = 60;

const zExpediente = z.object({
  expediente: z.string().max(100).optional(),
  tipo: z.enum(Object.keys(TIPOS) as [keyof typeof TIPOS, ...(keyof typeof TIPOS)[]]).default("obra_nueva"),
  superficie_m2: z.number().positive().max(10_000_000).optional(),
  carga_ocupacion: z.number().int().min(0).max(1_000_000).optional(),
  documentos: z.array(z.string().min(1).max(200)).max(100).default([]),
});

const CONNECTORS = new Set(["de", "del", "la", "las", "el", "los", "y", "e"]);

/** "Certificado de Informaciones Previas" → "certificado_informaciones_previas". */
function documentCode(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !CONNECTORS.has(word))
    .join("_");
}

function refuseWithoutGateway(request: FastifyRequest, reply: FastifyReply): boolean {
  const commune = request.headers[COMMUNE_HEADER];
  if (typeof commune === "string" && /^\d{5}$/.test(commune)) return false;
  // `void`: the reply is thenable; send() is the answer, nothing to wait for.
  void reply.code(400).send({
    ejemplo: true,
    error: "Este servicio de ejemplo solo atiende a través de la pasarela de módulos (/modules/…).",
    nota: `Falta la cabecera ${COMMUNE_HEADER} que agrega la pasarela. Es una convención del ejemplo, no una medida de seguridad.`,
  });
  return true;
}

export default async function exampleModule(app: FastifyInstance) {
  const describe = async (request: FastifyRequest, reply: FastifyReply) => {
    if (refuseWithoutGateway(request, reply)) return reply;
    return {
      ejemplo: true,
      nombre: "Revisión previa de expedientes de permiso de edificación (EJEMPLO)",
      aviso: AVISO,
      uso: {
        metodo: "POST",
        ruta: "revisar",
        cuerpo: {
          tipo: `${Object.keys(TIPOS).join(" | ")} (por omisión obra_nueva)`,
          expediente: "identificador del expediente (opcional)",
          superficie_m2: "número (m², opcional)",
          carga_ocupacion: "número de personas (opcional)",
          documentos: Object.keys(DOCUMENTOS),
        },
      },
      tipos: Object.fromEntries(Object.entries(TIPOS).map(([k, v]) => [k, v.nombre])),
    };
  };
  app.get(BASE, describe);
  app.get(`${BASE}/`, describe);

  app.post(`${BASE}/revisar`, async (request, reply) => {
    if (refuseWithoutGateway(request, reply)) return reply;
    const parsed = zExpediente.safeParse(request.body);
    if (!parsed.success) {
      return reply.code(422).send({
        ejemplo: true,
        error: "El expediente no es válido.",
        campos: parsed.error.issues.map((i) => ({ campo: i.path.join("."), problema: i.message })),
        aviso: AVISO,
      });
    }
    const expediente = parsed.data;
    const tipo = TIPOS[expediente.tipo];
    const presentados = new Set(expediente.documentos.map(documentCode));
    const faltantes = tipo.documentos.filter((d) => !presentados.has(d));
    const grande = (expediente.carga_ocupacion ?? 0) > CARGA_OCUPACION_GRANDE;
    const plazo = grande ? PLAZO_DIAS_GRANDE : PLAZO_DIAS;
    return {
      ejemplo: true,
      comuna: request.headers[COMMUNE_HEADER],
      ...(expediente.expediente ? { expediente: expediente.expediente } : {}),
      tramite: tipo.nombre,
      completo: faltantes.length === 0,
      documentos_faltantes: faltantes.map((codigo) => ({ codigo, descripcion: DOCUMENTOS[codigo] })),
      plazo_revision_dias: plazo,
      fundamento_plazo: grande
        ? `Carga de ocupación sobre ${CARGA_OCUPACION_GRANDE} personas: plazo de ${PLAZO_DIAS_GRANDE} días (Ley 21.718, simplificado).`
        : `Plazo general de ${PLAZO_DIAS} días para pronunciarse (Ley 21.718, simplificado).`,
      observaciones: [
        ...(faltantes.length > 0
          ? ["El expediente no puede ingresar completo hasta acompañar lo que falta."]
          : []),
        ...((expediente.superficie_m2 ?? 0) > 10_000
          ? ["Superficie mayor a 10.000 m²: revise si requiere estudios adicionales."]
          : []),
      ],
      aviso: AVISO,
    };
  });
}
