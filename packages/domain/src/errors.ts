import type { Locale } from "./roles";

/**
 * Stable error codes the API returns in `error.data.appCode`, each with its message in both
 * languages. Clients switch on the code; people read the message.
 */
export const APP_ERRORS = {
  "auth.invalid_credentials": {
    status: "UNAUTHORIZED",
    es: "Correo o contraseña incorrectos.",
    en: "Wrong e-mail or password.",
  },
  "auth.unauthenticated": {
    status: "UNAUTHORIZED",
    es: "Debes iniciar sesión.",
    en: "You must sign in.",
  },
  "auth.session_expired": {
    status: "UNAUTHORIZED",
    es: "Tu sesión expiró. Inicia sesión de nuevo.",
    en: "Your session has expired. Please sign in again.",
  },
  "auth.account_locked": {
    status: "FORBIDDEN",
    es: "Tu cuenta está bloqueada por la administración de la plataforma. Escribe a soporte para recuperarla.",
    en: "Your account is locked by the platform's administration. Write to support to recover it.",
  },
  "auth.rate_limited": {
    status: "TOO_MANY_REQUESTS",
    es: "Demasiados intentos. Espera un momento e inténtalo de nuevo.",
    en: "Too many attempts. Wait a moment and try again.",
  },
  "auth.wrong_password": {
    status: "FORBIDDEN",
    es: "La contraseña actual no es correcta.",
    en: "The current password is not correct.",
  },
  "recovery.link_invalid": {
    status: "BAD_REQUEST",
    es: "Este enlace para restablecer la contraseña no es válido. Pide uno nuevo desde «¿Olvidaste tu contraseña?».",
    en: "This password reset link is not valid. Ask for a new one from “Forgot your password?”.",
  },
  "recovery.link_expired": {
    status: "BAD_REQUEST",
    es: "Este enlace para restablecer la contraseña venció (dura 30 minutos). Pide uno nuevo desde «¿Olvidaste tu contraseña?». Tu contraseña no cambió.",
    en: "This password reset link has expired (it lasts 30 minutes). Ask for a new one from “Forgot your password?”. Your password has not changed.",
  },
  "recovery.link_used": {
    status: "BAD_REQUEST",
    es: "Este enlace para restablecer la contraseña ya se usó. Si necesitas cambiarla otra vez, pide un enlace nuevo.",
    en: "This password reset link has already been used. If you need to change it again, ask for a new link.",
  },
  "account.session_not_found": {
    status: "NOT_FOUND",
    es: "Esa sesión ya no está activa.",
    en: "That session is no longer active.",
  },
  "auth.two_step_invalid_code": {
    status: "UNAUTHORIZED",
    es: "El código no es válido o ya se usó. Usa el código que muestra tu aplicación ahora, o un código de recuperación.",
    en: "The code is not valid or was already used. Use the code your app shows now, or a recovery code.",
  },
  "auth.two_step_expired": {
    status: "UNAUTHORIZED",
    es: "La verificación expiró o ya se usó. Vuelve a ingresar tu correo y contraseña.",
    en: "The verification expired or was already used. Enter your e-mail and password again.",
  },
  "auth.two_step_enrolment_required": {
    status: "FORBIDDEN",
    es: "Debes activar la verificación en dos pasos en Mi cuenta antes de continuar.",
    en: "You must turn on two-step verification in My account before continuing.",
  },
  "two_step.already_enabled": {
    status: "CONFLICT",
    es: "La aplicación de autenticación ya está activada en tu cuenta.",
    en: "The authenticator app is already turned on for your account.",
  },
  "two_step.not_enabled": {
    status: "CONFLICT",
    es: "La aplicación de autenticación no está activada en tu cuenta.",
    en: "The authenticator app is not turned on for your account.",
  },
  "two_step.enrolment_missing": {
    status: "CONFLICT",
    es: "Primero genera el código QR y luego confirma con el código de tu aplicación.",
    en: "First generate the QR code, then confirm with the code from your app.",
  },
  "two_step.passkey_invalid": {
    status: "BAD_REQUEST",
    es: "No se pudo verificar la llave de acceso. Inténtalo de nuevo.",
    en: "The passkey could not be verified. Try again.",
  },
  "two_step.enrol_yourself_first": {
    status: "CONFLICT",
    es: "Activa primero tu propia verificación en dos pasos (en Mi cuenta) antes de exigirla en la comuna.",
    en: "Turn on your own two-step verification (in My account) before requiring it in the commune.",
  },
  "two_step.passkey_not_found": {
    status: "NOT_FOUND",
    es: "Esa llave de acceso no existe en tu cuenta.",
    en: "That passkey does not exist in your account.",
  },
  "request.batch_too_large": {
    status: "BAD_REQUEST",
    es: "Demasiadas llamadas en una sola solicitud. Divídelas en solicitudes más pequeñas.",
    en: "Too many calls in one request. Split them into smaller requests.",
  },
  "tenant.missing": {
    status: "BAD_REQUEST",
    es: "Falta la comuna activa (cabecera x-commune-id).",
    en: "The active commune is missing (x-commune-id header).",
  },
  "tenant.forbidden": {
    status: "FORBIDDEN",
    es: "No perteneces a esta comuna.",
    en: "You are not a member of this commune.",
  },
  "permission.denied": {
    status: "FORBIDDEN",
    es: "Tu rol no permite esta acción.",
    en: "Your role does not allow this action.",
  },
  "platform.forbidden": {
    status: "FORBIDDEN",
    es: "Esta acción es solo para administradores de la plataforma.",
    en: "This action is for platform administrators only.",
  },
  "members.not_found": {
    status: "NOT_FOUND",
    es: "Ese integrante no existe en esta comuna.",
    en: "That member does not exist in this commune.",
  },
  "members.already_member": {
    status: "CONFLICT",
    es: "Esa persona ya integra esta comuna.",
    en: "That person is already a member of this commune.",
  },
  "members.last_admin": {
    status: "CONFLICT",
    es: "La comuna debe conservar al menos un administrador.",
    en: "The commune must keep at least one administrator.",
  },
  "members.suspended": {
    status: "FORBIDDEN",
    es: "Tu acceso a esta comuna fue suspendido por un administrador de la comuna.",
    en: "Your access to this commune was suspended by an administrator of the commune.",
  },
  "members.cannot_suspend_self": {
    status: "CONFLICT",
    es: "No puedes suspender tu propio acceso.",
    en: "You cannot suspend your own access.",
  },
  "people.not_found": {
    status: "NOT_FOUND",
    es: "Esa persona no existe.",
    en: "That person does not exist.",
  },
  "people.cannot_lock_self": {
    status: "CONFLICT",
    es: "No puedes bloquear tu propia cuenta.",
    en: "You cannot lock your own account.",
  },
  "invitations.not_found": {
    status: "NOT_FOUND",
    es: "La invitación no existe, expiró o ya fue usada.",
    en: "The invitation does not exist, has expired or was already used.",
  },
  "invitations.already_pending": {
    status: "CONFLICT",
    es: "Ya hay una invitación pendiente para ese correo.",
    en: "There is already a pending invitation for that e-mail.",
  },
  "invitations.sign_in_required": {
    status: "UNAUTHORIZED",
    es: "Ya existe una cuenta con ese correo: inicia sesión con ella para aceptar la invitación.",
    en: "An account with that e-mail already exists: sign in with it to accept the invitation.",
  },
  "invitations.account_details_required": {
    status: "BAD_REQUEST",
    es: "Para crear tu cuenta indica tu nombre y una contraseña.",
    en: "To create your account, give your name and a password.",
  },
  "communes.not_found": {
    status: "NOT_FOUND",
    es: "La comuna no existe.",
    en: "The commune does not exist.",
  },
  "communes.inactive": {
    status: "FORBIDDEN",
    es: "La comuna no está activada en la plataforma.",
    en: "The commune is not activated on the platform.",
  },
  "useCases.not_found": {
    status: "NOT_FOUND",
    es: "El caso de uso no existe o no es visible para tu comuna.",
    en: "The use case does not exist or is not visible to your commune.",
  },
  "useCases.version_conflict": {
    status: "CONFLICT",
    es: "Otra persona guardó cambios mientras editabas. Recarga para ver la última versión.",
    en: "Someone else saved changes while you were editing. Reload to see the latest version.",
  },
  "useCases.invalid_transition": {
    status: "CONFLICT",
    es: "El caso de uso no está en un estado que permita esta acción.",
    en: "The use case is not in a state that allows this action.",
  },
  "useCases.retired": {
    status: "CONFLICT",
    es: "El caso de uso está retirado: ya no se puede editar.",
    en: "The use case is retired: it can no longer be edited.",
  },
  "useCases.own_use_case": {
    status: "CONFLICT",
    es: "Tu comuna es la dueña de este caso de uso.",
    en: "Your commune owns this use case.",
  },
  "useCases.already_adopted": {
    status: "CONFLICT",
    es: "Tu comuna ya reutiliza este caso de uso.",
    en: "Your commune already reuses this use case.",
  },
  "versions.not_found": {
    status: "NOT_FOUND",
    es: "Esa versión no existe.",
    en: "That version does not exist.",
  },
  "discussion.not_found": {
    status: "NOT_FOUND",
    es: "El mensaje no existe o no es visible para tu comuna.",
    en: "The message does not exist or is not visible to your commune.",
  },
  "discussion.invalid_reply": {
    status: "BAD_REQUEST",
    es: "Solo se puede responder a un mensaje principal (un nivel de respuestas).",
    en: "Replies go to a top-level message only (one level of replies).",
  },
  "interchange.invalid_publiccode": {
    status: "BAD_REQUEST",
    es: "El archivo publiccode.yml no es válido.",
    en: "The publiccode.yml file is not valid.",
  },
  "assessments.not_found": {
    status: "NOT_FOUND",
    es: "La autoevaluación no existe o no es visible para ti.",
    en: "The self-assessment does not exist or is not visible to you.",
  },
  "assessments.invalid_transition": {
    status: "CONFLICT",
    es: "La autoevaluación no está en un estado que permita esta acción.",
    en: "The self-assessment is not in a state that allows this action.",
  },
  "assessments.incomplete": {
    status: "BAD_REQUEST",
    es: "Responde todas las preguntas antes de enviar la autoevaluación.",
    en: "Answer every question before submitting the self-assessment.",
  },
  "assessments.not_editable": {
    status: "CONFLICT",
    es: "La autoevaluación ya fue enviada o validada: no se puede editar.",
    en: "The self-assessment has been submitted or validated: it can no longer be edited.",
  },
  "assessments.version_conflict": {
    status: "CONFLICT",
    es: "Otra persona guardó cambios mientras editabas. Recarga para ver la última versión.",
    en: "Someone else saved changes while you were editing. Reload to see the latest version.",
  },
  "assessments.period_exists": {
    status: "CONFLICT",
    es: "Tu comuna ya tiene una autoevaluación para ese trimestre.",
    en: "Your commune already has a self-assessment for that quarter.",
  },
  "assessments.unknown_question": {
    status: "BAD_REQUEST",
    es: "Una de las respuestas corresponde a una pregunta que no está en el marco de la autoevaluación.",
    en: "One of the answers is for a question that is not in the self-assessment's framework.",
  },
  "frameworks.not_found": {
    status: "NOT_FOUND",
    es: "Esa versión del marco de madurez no existe.",
    en: "That version of the maturity framework does not exist.",
  },
  "frameworks.frozen": {
    status: "CONFLICT",
    es: "Esta versión del marco ya se usa en autoevaluaciones y no puede cambiar. Crea una versión nueva.",
    en: "This framework version is already used by self-assessments and cannot change. Create a new version.",
  },
  "frameworks.version_exists": {
    status: "CONFLICT",
    es: "Ya existe esa versión del marco de madurez.",
    en: "That version of the maturity framework already exists.",
  },
  "coalitions.not_found": {
    status: "NOT_FOUND",
    es: "La coalición no existe.",
    en: "The coalition does not exist.",
  },
  "coalitions.forbidden": {
    status: "FORBIDDEN",
    es: "No coordinas esta coalición.",
    en: "You do not coordinate this coalition.",
  },
  "coalitions.slug_taken": {
    status: "CONFLICT",
    es: "Ya hay una coalición con esa dirección (slug). Elige otra.",
    en: "There is already a coalition with that address (slug). Choose another one.",
  },
  "coalitions.not_member": {
    status: "FORBIDDEN",
    es: "Tu comuna no integra esta coalición.",
    en: "Your commune is not a member of this coalition.",
  },
  "indicators.not_found": {
    status: "NOT_FOUND",
    es: "El indicador no existe.",
    en: "The indicator does not exist.",
  },
  "indicators.future_period": {
    status: "BAD_REQUEST",
    es: "No se puede registrar un valor para un trimestre que aún no comienza.",
    en: "A value cannot be recorded for a quarter that has not started yet.",
  },
  "milestones.not_found": {
    status: "NOT_FOUND",
    es: "El hito no existe o no es visible para tu comuna.",
    en: "The milestone does not exist or is not visible to your commune.",
  },
  "peerGroups.not_found": {
    status: "NOT_FOUND",
    es: "El grupo de comparación no existe.",
    en: "The comparison group does not exist.",
  },
  "peerGroups.name_taken": {
    status: "CONFLICT",
    es: "Ya hay un grupo de comparación con ese nombre.",
    en: "There is already a comparison group with that name.",
  },
  "input.invalid": {
    status: "BAD_REQUEST",
    es: "Revisa los datos ingresados.",
    en: "Please check the data you entered.",
  },
  "modules.not_found": {
    status: "NOT_FOUND",
    es: "Ese módulo no existe o no está publicado.",
    en: "That module does not exist or is not published.",
  },
  "modules.slug_taken": {
    status: "CONFLICT",
    es: "Ya existe un módulo con ese identificador.",
    en: "A module with that identifier already exists.",
  },
  "modules.not_publishable": {
    status: "CONFLICT",
    es: "Para publicar el módulo debe tener al menos un plan activo y la dirección de su servicio.",
    en: "To publish the module it needs at least one active plan and the address of its service.",
  },
  "modules.use_case_not_found": {
    status: "NOT_FOUND",
    es: "Ese caso de uso no existe en tu comuna.",
    en: "That use case does not exist in your commune.",
  },
  "modules.invalid_state": {
    status: "CONFLICT",
    es: "El módulo no está en un estado que permita esta acción (su identificador solo cambia mientras es borrador).",
    en: "The module is not in a state that allows this action (its identifier changes only while it is a draft).",
  },
  "plans.not_found": {
    status: "NOT_FOUND",
    es: "Ese plan no existe o ya no se ofrece.",
    en: "That plan does not exist or is no longer offered.",
  },
  "plans.in_use": {
    status: "CONFLICT",
    es: "Ese plan ya tiene suscripciones: su precio y cuota no cambian. Archívalo y crea uno nuevo.",
    en: "That plan already has subscriptions: its price and quota cannot change. Archive it and create a new one.",
  },
  "subscriptions.not_found": {
    status: "NOT_FOUND",
    es: "Esa suscripción no existe.",
    en: "That subscription does not exist.",
  },
  "subscriptions.exists": {
    status: "CONFLICT",
    es: "Tu comuna ya tiene una suscripción vigente o pendiente a este módulo.",
    en: "Your commune already has a live or pending subscription to this module.",
  },
  "subscriptions.invalid_state": {
    status: "CONFLICT",
    es: "La suscripción no está en un estado que permita esta acción.",
    en: "The subscription is not in a state that allows this action.",
  },
  "subscriptions.same_order": {
    status: "CONFLICT",
    es: "Esa es la orden de compra vigente: la renovación necesita la orden del próximo período.",
    en: "That is the purchase order in force: a renewal needs the next period's order.",
  },
  "subscriptions.own_module": {
    status: "CONFLICT",
    es: "Tu comuna provee este módulo: no necesita suscribirse.",
    en: "Your commune provides this module: it does not need to subscribe.",
  },
  "billing.stripe_unavailable": {
    status: "PRECONDITION_FAILED",
    es: "El pago con Stripe no está configurado en esta plataforma. Usa una orden de compra.",
    en: "Payment with Stripe is not configured on this platform. Use a purchase order.",
  },
  "billing.provider_failed": {
    status: "SERVICE_UNAVAILABLE",
    es: "El proveedor de pagos no respondió. Inténtalo de nuevo en unos minutos.",
    en: "The payment provider did not respond. Try again in a few minutes.",
  },
  "billing.month_not_closed": {
    status: "BAD_REQUEST",
    es: "Ese mes aún no termina: solo se cierra un mes pasado.",
    en: "That month has not ended yet: only a past month can be closed.",
  },
  "apiKeys.not_found": {
    status: "NOT_FOUND",
    es: "Esa clave de API no existe en tu comuna.",
    en: "That API key does not exist in your commune.",
  },
  "gateway.missing_key": {
    status: "UNAUTHORIZED",
    es: "Falta la clave de API (cabecera Authorization: Bearer o x-api-key).",
    en: "The API key is missing (Authorization: Bearer or x-api-key header).",
  },
  "gateway.invalid_key": {
    status: "UNAUTHORIZED",
    es: "La clave de API no es válida o fue revocada.",
    en: "The API key is not valid or has been revoked.",
  },
  "gateway.not_entitled": {
    status: "FORBIDDEN",
    es: "Tu comuna no tiene una suscripción activa a este módulo para esta clave.",
    en: "Your commune has no active subscription to this module for this key.",
  },
  "gateway.quota_exceeded": {
    status: "TOO_MANY_REQUESTS",
    es: "Se agotó la cuota mensual incluida en el plan.",
    en: "The monthly quota included in the plan has been used up.",
  },
  "gateway.rate_limited": {
    status: "TOO_MANY_REQUESTS",
    es: "Demasiadas solicitudes con esta clave. Espera un momento.",
    en: "Too many requests with this key. Wait a moment.",
  },
  "gateway.upstream_failed": {
    status: "BAD_GATEWAY",
    es: "El servicio del módulo no respondió correctamente.",
    en: "The module's service did not answer correctly.",
  },
  "gateway.idempotency_mismatch": {
    status: "UNPROCESSABLE_CONTENT",
    es: "Esa Idempotency-Key ya se usó con otra solicitud (método, ruta o cuerpo distintos). Usa una clave nueva.",
    en: "That Idempotency-Key was already used with a different request (method, path or body). Use a new key.",
  },
  "gateway.idempotency_in_progress": {
    status: "CONFLICT",
    es: "Una solicitud con esa Idempotency-Key aún está en curso. Reintenta en unos segundos.",
    en: "A request with that Idempotency-Key is still in progress. Retry in a few seconds.",
  },
  "gateway.idempotency_not_replayable": {
    status: "CONFLICT",
    es: "Esa Idempotency-Key ya obtuvo una respuesta demasiado grande para guardarla: no se repite ni se vuelve a llamar al módulo.",
    en: "That Idempotency-Key already got an answer too large to store: it is neither replayed nor sent to the module again.",
  },
  "apiKeys.too_many": {
    status: "CONFLICT",
    es: "Tu comuna ya tiene el máximo de claves vigentes para uno de esos módulos. Revoca una antes de crear otra.",
    en: "Your commune already has the maximum of live keys for one of those modules. Revoke one before creating another.",
  },
  "server.unavailable": {
    status: "SERVICE_UNAVAILABLE",
    es: "El servicio no está disponible en este momento. Inténtalo en unos minutos.",
    en: "The service is unavailable right now. Try again in a few minutes.",
  },
  "server.internal": {
    status: "INTERNAL_SERVER_ERROR",
    es: "Ocurrió un error inesperado. Ya quedó registrado.",
    en: "An unexpected error occurred. It has been logged.",
  },
  "input.invalid_text": {
    status: "BAD_REQUEST",
    es: "El texto tiene caracteres que no se pueden guardar (un carácter nulo o un carácter Unicode incompleto).",
    en: "The text has characters that cannot be stored (a NUL character or an incomplete Unicode character).",
  },
  "interchange.publiccode_too_complex": {
    status: "BAD_REQUEST",
    es: "El archivo publiccode.yml es demasiado grande o anidado (máximo 128 KiB, 1000 líneas y 6 niveles).",
    en: "The publiccode.yml file is too large or too nested (at most 128 KiB, 1000 lines and 6 levels).",
  },
  "input.invalid_cursor": {
    status: "BAD_REQUEST",
    es: "La página pedida no es válida. Vuelve a la primera página.",
    en: "The requested page is not valid. Go back to the first page.",
  },
  "directory.password_sign_in_off": {
    status: "FORBIDDEN",
    es: "Tu municipio ingresa con su propia cuenta institucional: usa «Ingresar con la cuenta de tu municipio».",
    en: "Your municipality signs in with its own directory account: use “Sign in with your municipality's account”.",
  },
  "directory.issuer_not_allowed": {
    status: "BAD_REQUEST",
    es: "Esa dirección del proveedor no está permitida: usa https y un servidor público.",
    en: "That provider address is not allowed: use https and a public server.",
  },
  "directory.secret_required": {
    status: "BAD_REQUEST",
    es: "Falta el secreto del cliente del proveedor.",
    en: "The provider's client secret is missing.",
  },
  "directory.not_configured": {
    status: "NOT_FOUND",
    es: "Esta comuna no tiene configurado un directorio.",
    en: "This commune has no directory configured.",
  },
  "directory.domains_required": {
    status: "BAD_REQUEST",
    es: "Indica al menos un dominio de correo permitido para activar el directorio.",
    en: "Give at least one allowed e-mail domain to turn the directory on.",
  },
} as const satisfies Record<string, { status: string; es: string; en: string }>;

export type AppErrorCode = keyof typeof APP_ERRORS;

export function errorMessage(code: AppErrorCode, locale: Locale): string {
  return APP_ERRORS[code][locale];
}

/** A rule of the domain was broken. Services throw it; the API maps it to a typed error in one place. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  constructor(code: AppErrorCode) {
    super(APP_ERRORS[code].en);
    this.name = "AppError";
    this.code = code;
  }
}
