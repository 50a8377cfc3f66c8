import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getNamedType,
  getNullableType,
  isListType,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Our own limits rather than graphql-armor's: its cost limit scores static costs per field and
 * object scaled by depth, never by the page size a list asks for, and nothing in it can refuse an
 * out-of-range `limit`/`pageSize` that Strapi would silently cap.
 *
 * Limits on what one GraphQL operation may ask for, checked after validation and before any
 * resolver runs (so a refused query costs the database nothing):
 *
 *   - pagination: `limit` / `pageSize` outside 1..maxLimit is refused with a clear error.
 *     Strapi itself silently caps such a request at maxLimit, so a client would get fewer
 *     entries than it asked for without knowing; -1 ("everything") is refused too.
 *   - cost: roughly how many fields of entries the answer can hold. Every selected field costs
 *     one per entry it is repeated for, and a list multiplies what is under it by its page size
 *     (its pagination, or Strapi's defaultLimit). Aliases are counted one by one, so a "huge
 *     batched" query of hundreds of aliased lists, or lists nested inside lists, is refused,
 *     while the site's paged queries pass with room to spare.
 *     Introspection fields are counted once each: the schema is in memory and cheap.
 *   - root fields: each one is a database round trip however small its page, so an operation
 *     may have at most maxRootFields of them (aliases included).
 *
 * Apollo's own batching (a JSON array of operations) stays disabled, and the depth limit is
 * graphql-depth-limit's, both configured in config/plugins.ts.
 */
export interface OperationLimits {
  maxLimit: number;
  defaultLimit: number;
  maxCost: number;
  maxRootFields: number;
}

export interface OperationMeasure {
  cost: number;
  problems: string[];
}

type Variables = Record<string, unknown>;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Variables;
  limits: OperationLimits;
  cost: number;
  problems: string[];
}

function fieldDefinition(parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === '__schema') return SchemaMetaFieldDef;
  if (name === '__type') return TypeMetaFieldDef;
  return 'getFields' in parent
    ? (parent.getFields() as Record<string, GraphQLField<unknown, unknown>>)[name]
    : undefined;
}

/** The page size a field's `pagination` argument asks for, after checking it against maxLimit. */
function pageSize(walk: Walk, field: FieldNode, path: string): number | undefined {
  const argument = field.arguments?.find((a) => a.name.value === 'pagination');
  if (!argument) return undefined;
  const pagination = valueFromASTUntyped(argument.value, walk.variables) as Record<string, unknown> | null | undefined;
  if (!pagination || typeof pagination !== 'object') return undefined;
  let size: number | undefined;
  for (const key of ['limit', 'pageSize']) {
    const value = pagination[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > walk.limits.maxLimit) {
      walk.problems.push(
        `pagination.${key} ${JSON.stringify(value)} on "${path}" is outside 1–${walk.limits.maxLimit} (maxLimit)`,
      );
      continue;
    }
    size = Math.max(size ?? 0, value);
  }
  return size;
}

function measureSelections(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  multiplier: number,
  connectionSize: number | undefined,
  path: string,
  seenFragments: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      measureField(walk, selection, parent, multiplier, connectionSize, path, seenFragments);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (type) measureSelections(walk, selection.selectionSet, type, multiplier, connectionSize, path, seenFragments);
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      // Validation refuses fragment cycles; the guard only keeps this walk finite regardless.
      if (!fragment || !type || seenFragments.has(name)) continue;
      measureSelections(
        walk,
        fragment.selectionSet,
        type,
        multiplier,
        connectionSize,
        path,
        new Set([...seenFragments, name]),
      );
    }
  }
}

function measureField(
  walk: Walk,
  field: FieldNode,
  parent: GraphQLNamedType,
  multiplier: number,
  connectionSize: number | undefined,
  parentPath: string,
  seenFragments: Set<string>,
): void {
  const name = field.name.value;
  const path = parentPath ? `${parentPath}.${field.alias?.value ?? name}` : (field.alias?.value ?? name);
  walk.cost += multiplier;
  const definition = fieldDefinition(parent, name);
  if (!definition || !field.selectionSet) return;

  const size = pageSize(walk, field, path);
  const introspection = name.startsWith('__') || parent.name.startsWith('__');
  const isList = isListType(getNullableType(definition.type));
  // A list multiplies what is under it by its page size; a connection (articles_connection)
  // hands its pagination down to its `nodes` list.
  const nextMultiplier =
    isList && !introspection ? multiplier * (size ?? connectionSize ?? walk.limits.defaultLimit) : multiplier;
  const nextConnectionSize = isList ? undefined : size;
  measureSelections(
    walk,
    field.selectionSet,
    getNamedType(definition.type),
    nextMultiplier,
    nextConnectionSize,
    path,
    seenFragments,
  );
}

function countRootFields(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value === '__typename' ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countRootFields(selection.selectionSet, fragments, seen);
    else if (!seen.has(selection.name.value) && fragments.has(selection.name.value)) {
      count += countRootFields(
        fragments.get(selection.name.value)!.selectionSet,
        fragments,
        new Set([...seen, selection.name.value]),
      );
    }
  }
  return count;
}

/** Measures one (validated) operation. Pure: no I/O, used by the Apollo plugin and unit tests. */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: FragmentDefinitionNode[],
  variables: Variables,
  limits: OperationLimits,
): OperationMeasure {
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const walk: Walk = {
    schema,
    fragments: new Map(fragments.map((f) => [f.name.value, f])),
    variables,
    limits,
    cost: 0,
    problems: [],
  };
  if (root) measureSelections(walk, operation.selectionSet, root, 1, undefined, '', new Set());
  const rootFields = countRootFields(operation.selectionSet, walk.fragments, new Set());
  if (rootFields > limits.maxRootFields) {
    walk.problems.push(`it has ${rootFields} top-level fields, more than the limit of ${limits.maxRootFields}`);
  }
  return { cost: walk.cost, problems: walk.problems };
}

/** The refusal, or null when the operation is within the limits. */
export function checkOperation(...args: Parameters<typeof measureOperation>): GraphQLError | null {
  const limits = args[4];
  const { cost, problems } = measureOperation(...args);
  if (cost > limits.maxCost) {
    problems.push(
      `it asks for up to ${cost} fields of entries, more than the limit of ${limits.maxCost}; split it into smaller, paged queries`,
    );
  }
  if (problems.length === 0) return null;
  return new GraphQLError(`Query refused: ${problems.join('; ')}.`, {
    extensions: { code: 'QUERY_TOO_LARGE', http: { status: 400 } },
  });
}

/** Apollo Server plugin applying checkOperation to every operation. */
export function operationLimitsPlugin(limits: OperationLimits) {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(context: {
          schema: GraphQLSchema;
          operation?: OperationDefinitionNode | null;
          document: { definitions: readonly { kind: string }[] };
          request: { variables?: Variables };
        }) {
          if (!context.operation) return;
          const fragments = context.document.definitions.filter(
            (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
          );
          const refusal = checkOperation(
            context.schema,
            context.operation,
            fragments,
            context.request.variables ?? {},
            limits,
          );
          if (refusal) throw refusal;
        },
      };
    },
  };
}
