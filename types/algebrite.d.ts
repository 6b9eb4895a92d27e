// Minimal declarations for algebrite 1.4 (it ships no types). qep loads it only
// inside a worker thread (src/symbolic/cas/worker.ts); these types document the
// calls made there and let tests import it directly if they need to.
declare module 'algebrite' {
  /** An algebrite expression object (a cons cell); `toString()` pretty-prints it. */
  interface AlgebriteExpr {
    toString(): string;
  }
  /** Evaluate a script; errors come back as strings starting with `Stop:`. */
  export function run(script: string): string;
  /** Clear all user symbols and settings (algebrite keeps global state). */
  export function clearall(): void;
  export function simplify(expr: string): AlgebriteExpr;
  export function factor(expr: string): AlgebriteExpr;
  export function expand(expr: string): AlgebriteExpr;
}
