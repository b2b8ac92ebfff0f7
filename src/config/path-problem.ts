/** A problem found at a key path, before it is given a line and rendered. */
export interface PathProblem {
  path: (string | number)[];
  message: string;
}
