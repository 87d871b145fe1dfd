import { didYouMean, type DiagnosticBag, type MessageArgs, type MessageId, type NoteId } from '../diagnostics/index.js';
import { spanAt, type NodePath } from '../parse/index.js';
import type { AnyResource, Kind, Resource } from '../schema/index.js';
import type { Span } from '../source/index.js';

/** `name.namespace`: how a service is identified everywhere after parsing. */
export type ServiceKey = string;

/** The key of a service `name` in `namespace`. */
export function serviceKey(name: string, namespace: string): ServiceKey {
  return `${name}.${namespace}`;
}

/**
 * The resources of a compilation, indexed for the semantic rules and for
 * building the IR. Duplicates are kept out of the indexes (the first wins)
 * and reported by their own rule.
 */
export class CheckContext {
  /** Every resource, in input order. */
  readonly resources: readonly AnyResource[];
  /** Services by key. */
  readonly services = new Map<ServiceKey, Resource<'Service'>>();
  /** The first Mesh, if any. */
  readonly mesh: Resource<'Mesh'> | undefined;
  /** Resources by kind, in input order: rules and the IR ask for one kind many times. */
  private readonly byKind = new Map<Kind, AnyResource[]>();

  constructor(
    resources: readonly AnyResource[],
    private readonly bag: DiagnosticBag,
  ) {
    this.resources = resources;
    let mesh: Resource<'Mesh'> | undefined;
    for (const r of resources) {
      const same = this.byKind.get(r.kind);
      if (same) same.push(r);
      else this.byKind.set(r.kind, [r]);
      if (r.kind === 'Service') {
        const key = serviceKey(r.name, r.namespace);
        if (!this.services.has(key)) this.services.set(key, r);
      } else if (r.kind === 'Mesh' && !mesh) {
        mesh = r;
      }
    }
    this.mesh = mesh;
  }

  /** Every resource of one kind, in input order (a shared array: do not mutate). */
  ofKind<K extends Kind>(kind: K): readonly Resource<K>[] {
    // The map is filled by kind in the constructor, so every entry of `kind` is a Resource<K>.
    return (this.byKind.get(kind) ?? []) as readonly AnyResource[] as unknown as readonly Resource<K>[];
  }

  /**
   * Resolves a service reference as the language defines it: `name` is in the
   * referring resource's namespace, `name.namespace` is explicit.
   */
  resolveRef(ref: string, fromNamespace: string): ServiceKey {
    const dot = ref.indexOf('.');
    return dot < 0 ? serviceKey(ref, fromNamespace) : serviceKey(ref.slice(0, dot), ref.slice(dot + 1));
  }

  /** The service a reference names, or undefined if there is none. */
  service(ref: string, fromNamespace: string): Resource<'Service'> | undefined {
    return this.services.get(this.resolveRef(ref, fromNamespace));
  }

  /**
   * A did-you-mean hint for an unknown service reference: a close spelling,
   * or the same name in another namespace (`ratings` → `ratings.prod`).
   */
  suggestService(ref: string, fromNamespace: string): string {
    const close = didYouMean(ref, this.serviceNames(fromNamespace));
    if (close) return close;
    const elsewhere = [...this.services.values()].filter((s) => s.name === ref).map((s) => `${s.name}.${s.namespace}`);
    return elsewhere.length > 0 ? `did you mean ${elsewhere.map((e) => `"${e}"`).join(' or ')}?` : '';
  }

  /** Every way a service can be referred to from `namespace`, for did-you-mean hints. */
  serviceNames(fromNamespace: string): string[] {
    const names: string[] = [];
    for (const s of this.services.values()) {
      if (s.namespace === fromNamespace) names.push(s.name);
      names.push(`${s.name}.${s.namespace}`);
    }
    return names;
  }

  /** Reports a message, optionally with notes pointing at other places. */
  report(id: MessageId, span: Span | undefined, args: MessageArgs = {}, related: readonly { span: Span; note: NoteId }[] = []): void {
    this.bag.report(id, span, args, related);
  }

  /** The span of a field of a resource (or of its key, for "this field should not be here" messages). */
  span(resource: AnyResource, path: NodePath, part: 'value' | 'key' = 'value'): Span {
    return spanAt(resource.doc, path, part);
  }
}
