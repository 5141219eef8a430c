/**
 * `spec.conversion` of a CRD. With more than one version, the API server must convert objects
 * between the version a client uses and the storage version; the versions of an ARM resource
 * differ in their schemas, so the conversion is a webhook's (`strategy: Webhook`, ConversionReview
 * v1), reached through a Kubernetes Service: by default `armkube-webhook-service` in
 * `armkube-system`, path `/convert`, port 443 (`EmitOptions.conversionWebhook` sets another). A
 * CRD with one version gets no stanza: the API server's default, `strategy: None`, is right.
 */
import type { ConversionWebhookService, EmitOptions } from '../emitter.js';

export interface CrdConversion {
  strategy: 'None' | 'Webhook';
  webhook?: {
    conversionReviewVersions: string[];
    clientConfig: { service?: Required<ConversionWebhookService>; url?: string };
  };
}

export const DEFAULT_CONVERSION_WEBHOOK_SERVICE: Readonly<Required<ConversionWebhookService>> = Object.freeze({
  name: 'armkube-webhook-service',
  namespace: 'armkube-system',
  path: '/convert',
  port: 443,
});

/** The service of the conversion webhook: the options' service, defaults filling in `path` and `port`. */
export function conversionWebhookService(options?: EmitOptions): Required<ConversionWebhookService> {
  const service = options?.conversionWebhook?.service;
  if (!service) return { ...DEFAULT_CONVERSION_WEBHOOK_SERVICE };
  return {
    name: service.name,
    namespace: service.namespace,
    path: service.path ?? DEFAULT_CONVERSION_WEBHOOK_SERVICE.path,
    port: service.port ?? DEFAULT_CONVERSION_WEBHOOK_SERVICE.port,
  };
}

/** The conversion stanza of a CRD with `versionCount` versions; undefined for one version. */
export function conversionOf(versionCount: number, options?: EmitOptions): CrdConversion | undefined {
  if (versionCount <= 1) return undefined;
  return {
    strategy: 'Webhook',
    webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: conversionWebhookService(options) } },
  };
}

const REVIEW_VERSIONS: ReadonlySet<string> = new Set(['v1', 'v1beta1']);
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The API server's checks of `spec.conversion` (`ValidateCustomResourceConversion`): each problem with its path. */
export function conversionProblems(conversion: CrdConversion | undefined, versionCount: number): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const add = (path: string, message: string) => out.push({ path: `spec.conversion${path}`, message });
  if (!conversion) return out;
  const { strategy, webhook } = conversion;
  if (strategy === 'None') {
    if (webhook) add('.webhook', 'must not be set when strategy is None');
    return out;
  }
  if (strategy !== 'Webhook') {
    add('.strategy', `must be None or Webhook, not ${String(strategy)}`);
    return out;
  }
  if (versionCount < 2) add('.strategy', 'a webhook converts between versions: only a CRD with several versions needs one');
  if (!webhook) {
    add('.webhook', 'is required when strategy is Webhook');
    return out;
  }
  const versions = webhook.conversionReviewVersions;
  if (!versions.length) add('.webhook.conversionReviewVersions', 'must have at least one version');
  else if (!versions.some((v) => REVIEW_VERSIONS.has(v))) add('.webhook.conversionReviewVersions', `must include at least one of ${[...REVIEW_VERSIONS].join(', ')}`);
  if (new Set(versions).size !== versions.length) add('.webhook.conversionReviewVersions', 'must not repeat a version');
  const { service, url } = webhook.clientConfig;
  if ((service === undefined) === (url === undefined)) add('.webhook.clientConfig', 'exactly one of url and service is required');
  if (service) {
    const where = '.webhook.clientConfig.service';
    if (!service.name || !DNS1123_LABEL.test(service.name) || service.name.length > 63) add(`${where}.name`, `${service.name} must be a DNS-1123 label`);
    if (!service.namespace || !DNS1123_LABEL.test(service.namespace) || service.namespace.length > 63) add(`${where}.namespace`, `${service.namespace} must be a DNS-1123 label`);
    if (!Number.isInteger(service.port) || service.port < 1 || service.port > 65535) add(`${where}.port`, `${service.port} must be a port number (1-65535)`);
    if (service.path !== '/' && (!service.path.startsWith('/') || service.path.slice(1).split('/').some((segment) => !DNS1123_SUBDOMAIN.test(segment)))) {
      add(`${where}.path`, `${service.path} must be an absolute path of non-empty segments (lower-case letters, digits, '-', '.')`);
    }
  }
  if (url !== undefined && !/^https:\/\/[^/?#@]+(\/[^?#]*)?$/.test(url)) add('.webhook.clientConfig.url', `${url} must be an https URL with a host and no user, query or fragment`);
  return out;
}
