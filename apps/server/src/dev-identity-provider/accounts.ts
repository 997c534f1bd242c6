/**
 * The demo directory's people (development, the demo and the tests only): what a commune's
 * directory would hold. The password is checked by the provider's own sign-in form.
 */
export interface DirectoryAccount {
  email: string;
  password: string;
  name: string;
  emailVerified: boolean;
  /** ClaveÚnica's RolUnico claim, for a provider configured as ClaveÚnica. */
  run?: { numero: number; DV: string; tipo: "RUN" };
}

export const DEMO_DIRECTORY_PASSWORD = "directorio-demo-2026";

export const DEMO_DIRECTORY_ACCOUNTS: readonly DirectoryAccount[] = [
  {
    email: "funcionaria@laserena.cl",
    password: DEMO_DIRECTORY_PASSWORD,
    name: "Carolina Rojas Pizarro",
    emailVerified: true,
    run: { numero: 12345678, DV: "5", tipo: "RUN" },
  },
  {
    email: "funcionario@laserena.cl",
    password: DEMO_DIRECTORY_PASSWORD,
    name: "Matías Araya Tapia",
    emailVerified: true,
    run: { numero: 9876543, DV: "3", tipo: "RUN" },
  },
  // A directory that does not vouch for the address: refused by the platform.
  {
    email: "sin-verificar@laserena.cl",
    password: DEMO_DIRECTORY_PASSWORD,
    name: "Cuenta sin verificar",
    emailVerified: false,
  },
  // Someone of another organisation: outside La Serena's allowed domains.
  {
    email: "vecino@correo.example",
    password: DEMO_DIRECTORY_PASSWORD,
    name: "Vecino Externo",
    emailVerified: true,
  },
];
