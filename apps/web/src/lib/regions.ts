/** Chile's 16 regions by ISO 3166-2 code, north to south: the catalog's region filter. */
export const CHILE_REGIONS = [
  { iso: "CL-AP", name: "Arica y Parinacota" },
  { iso: "CL-TA", name: "Tarapacá" },
  { iso: "CL-AN", name: "Antofagasta" },
  { iso: "CL-AT", name: "Atacama" },
  { iso: "CL-CO", name: "Coquimbo" },
  { iso: "CL-VS", name: "Valparaíso" },
  { iso: "CL-RM", name: "Metropolitana de Santiago" },
  { iso: "CL-LI", name: "Libertador General Bernardo O'Higgins" },
  { iso: "CL-ML", name: "Maule" },
  { iso: "CL-NB", name: "Ñuble" },
  { iso: "CL-BI", name: "Biobío" },
  { iso: "CL-AR", name: "La Araucanía" },
  { iso: "CL-LR", name: "Los Ríos" },
  { iso: "CL-LL", name: "Los Lagos" },
  { iso: "CL-AI", name: "Aysén del General Carlos Ibáñez del Campo" },
  { iso: "CL-MA", name: "Magallanes y de la Antártica Chilena" },
] as const;
