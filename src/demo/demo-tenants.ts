// Owns the demo's two tenants: names and ids shared by the demo schema's rows and the demo config.

export const demoTenants = {
  acme: '11111111-1111-1111-1111-111111111111',
  globex: '22222222-2222-2222-2222-222222222222',
} as const;

export type DemoTenant = keyof typeof demoTenants;
