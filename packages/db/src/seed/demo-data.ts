import type { MembershipRole, PlatformRole } from "@ciar/domain/roles";

/**
 * The 13 communes activated for the demo. CIAR Chile's member list is not published: La Serena is
 * a documented member; the others are communes with sourced AI cases or networks (see
 * ../../data and docs/data-sources.md). They are real municipalities, so everything the seed
 * creates for them is flagged is_demo and labelled "demo" in the product.
 */
export const DEMO_COMMUNES = [
  { slug: "laserena", cut: "04101", name: "La Serena" },
  { slug: "coquimbo", cut: "04102", name: "Coquimbo" },
  { slug: "maipu", cut: "13119", name: "Maipú" },
  { slug: "lascondes", cut: "13114", name: "Las Condes" },
  { slug: "providencia", cut: "13123", name: "Providencia" },
  { slug: "lobarnechea", cut: "13115", name: "Lo Barnechea" },
  { slug: "santiago", cut: "13101", name: "Santiago" },
  { slug: "cerronavia", cut: "13103", name: "Cerro Navia" },
  { slug: "quintanormal", cut: "13126", name: "Quinta Normal" },
  { slug: "lareina", cut: "13113", name: "La Reina" },
  { slug: "renca", cut: "13128", name: "Renca" },
  { slug: "penalolen", cut: "13122", name: "Peñalolén" },
  { slug: "vitacura", cut: "13132", name: "Vitacura" },
] as const;

export const DEMO_COMMUNE_CUTS = DEMO_COMMUNES.map((c) => c.cut);

export const DEMO_PASSWORD = "ciar-demo-2026";

export interface DemoUser {
  email: string;
  name: string;
  memberships: Array<{ cut: string; role: MembershipRole }>;
  platformRoles?: PlatformRole[];
  /** Slugs of the coalitions this user coordinates. */
  coordinates?: string[];
}

const laSerena = "04101";
const coquimbo = "04102";

/** One account per role (README lists them), plus an administrator for every demo commune. */
export const DEMO_USERS: DemoUser[] = [
  {
    email: "admin@laserena.example",
    name: "Administración La Serena (demo)",
    memberships: [{ cut: laSerena, role: "admin" }],
  },
  {
    email: "editor@laserena.example",
    name: "Editor La Serena (demo)",
    memberships: [{ cut: laSerena, role: "editor" }],
  },
  {
    email: "viewer@laserena.example",
    name: "Lectura La Serena (demo)",
    memberships: [{ cut: laSerena, role: "viewer" }],
  },
  {
    email: "editor@coquimbo.example",
    name: "Editor Coquimbo (demo)",
    memberships: [{ cut: coquimbo, role: "editor" }],
  },
  {
    email: "soporte@ciar.example",
    name: "Soporte regional Coquimbo (demo)",
    memberships: [
      { cut: laSerena, role: "admin" },
      { cut: coquimbo, role: "admin" },
    ],
  },
  {
    email: "coordinacion@ciar.example",
    name: "Coordinación CIAR (demo)",
    memberships: [],
    coordinates: ["ciar-chile"],
  },
  {
    email: "coordinacion@reci.example",
    name: "Coordinación RECI Santiago (demo)",
    memberships: [],
    coordinates: ["reci-santiago"],
  },
  {
    email: "plataforma@ciar.example",
    name: "Administración de plataforma (demo)",
    memberships: [],
    platformRoles: ["platform_admin"],
  },
  ...DEMO_COMMUNES.filter((c) => c.cut !== laSerena).map((c) => ({
    email: `admin@${c.slug}.example`,
    name: `Administración ${c.name} (demo)`,
    memberships: [{ cut: c.cut, role: "admin" as const }],
  })),
];

/** The four quarters of progress the demo seed records (the current quarter, 2026-Q4, is left open). */
export const DEMO_PROGRESS_PERIODS = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"] as const;

/**
 * Coalitions of the demo. CIAR Chile itself is created by migration 0006; its member list is not
 * published, so its members here are the demo communes. RECI Santiago's members are sourced
 * (data/coalitions.csv); Independencia is a member that has not activated the platform.
 */
export const DEMO_COALITIONS = [
  {
    slug: "ciar-chile",
    name: "CIAR Chile",
    country: "CL",
    description: "",
    sourceUrl: null,
    memberCuts: DEMO_COMMUNE_CUTS,
  },
  {
    slug: "reci-santiago",
    name: "RECI Santiago (Red de Comunas Inteligentes de la Región Metropolitana)",
    country: "CL",
    description:
      "Red de comunas inteligentes impulsada por la Seremi de Economía de la Región Metropolitana.",
    sourceUrl:
      "https://www.df.cl/df-lab/tech-negocios/se-santiago-lanzara-red-de-comunas-inteligentes-para-acelerar-la-adopcion",
    memberCuts: ["13128", "13119", "13122", "13108"],
  },
];
