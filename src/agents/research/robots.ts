/** The rules of a robots.txt that apply to us: path prefixes allowed and disallowed. */
export interface RobotsRules {
  allow: string[];
  disallow: string[];
}

/** Parses robots.txt and keeps the group for our agent token, else the "*" group. */
export function parseRobots(text: string, agentToken: string): RobotsRules {
  const groups: { agents: string[]; rules: RobotsRules }[] = [];
  let current: { agents: string[]; rules: RobotsRules } | undefined;
  let lastWasAgent = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, "").trim();
    const m = line.match(/^([A-Za-z-]+)\s*:\s*(.*)$/);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === "user-agent") {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: { allow: [], disallow: [] } };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === "disallow" && value) current.rules.disallow.push(value);
    if (key === "allow" && value) current.rules.allow.push(value);
  }
  const token = agentToken.toLowerCase();
  const mine = groups.find((g) => g.agents.some((a) => a !== "*" && token.includes(a)));
  return (mine ?? groups.find((g) => g.agents.includes("*")))?.rules ?? { allow: [], disallow: [] };
}

/** True when robots rules let us fetch the path (the longest matching rule wins; Allow wins ties). */
export function robotsAllows(rules: RobotsRules, pathAndQuery: string): boolean {
  const longest = (list: string[]) => Math.max(-1, ...list.filter((p) => matches(p, pathAndQuery)).map((p) => p.length));
  const allow = longest(rules.allow);
  const disallow = longest(rules.disallow);
  return disallow < 0 || allow >= disallow;
}

function matches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith("$");
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split("*")
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}${anchored ? "$" : ""}`).test(path);
}
