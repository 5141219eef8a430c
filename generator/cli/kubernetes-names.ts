/** Kubernetes object names: the check the API server makes, and a valid name made from an ARM name. */

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS_SUBDOMAIN = new RegExp(`^${LABEL}(\\.${LABEL})*$`);
const MAX_NAME = 253;

/** Whether `name` is a DNS-1123 label, as a namespace must be. */
export function isKubernetesLabel(name: string): boolean {
  return name.length <= 63 && new RegExp(`^${LABEL}$`).test(name);
}

/** Whether `name` is a valid `metadata.name` (a DNS-1123 subdomain: what custom resources need). */
export function isKubernetesName(name: string): boolean {
  return name.length <= MAX_NAME && DNS_SUBDOMAIN.test(name);
}

/**
 * A valid `metadata.name` from an ARM name: lower case, every run of other characters (`_`, spaces,
 * `/`) a `-`, dots kept between alphanumerics, trimmed to 253 characters. Undefined when nothing
 * usable is left. The ARM name itself stays in `spec.azureName`.
 */
export function kubernetesNameOf(armName: string): string | undefined {
  const name = armName
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/[-.]*\.[-.]*/g, '.')
    .replace(/-+/g, '-')
    .slice(0, MAX_NAME)
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return name && isKubernetesName(name) ? name : undefined;
}
