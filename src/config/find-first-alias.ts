import { visit, type Document, type Node } from 'yaml';

/** The first alias (`*name`) of a document: where an alias bomb is reported. */
export function findFirstAlias(doc: Document.Parsed): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Alias(_, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}
