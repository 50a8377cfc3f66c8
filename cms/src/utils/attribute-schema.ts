/** One attribute of a content type or component, as Strapi describes it in its loaded schema. */
export interface AttributeSchema {
  type: string;
  private?: boolean;
  configurable?: boolean;
  relation?: string;
  target?: string;
  mappedBy?: string;
  multiple?: boolean;
  component?: string;
  repeatable?: boolean;
  /** A dynamic zone's components. */
  components?: string[];
}
