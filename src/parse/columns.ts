// Column names -> what the column holds (time, current, voltage, range, overload) and its unit text.

export interface NamedColumn {
  /** name as written (trimmed) */
  name: string;
  /** name with the unit part removed, lower case */
  base: string;
  /** unit text as written in the name, or null */
  unit: string | null;
}

/** Split "Time (s)", "t [ms]", "time/s", "<I>/mA", "I_WE_A", "Time_s" into base name and unit text. */
export function splitNameUnit(raw: string): NamedColumn {
  const name = raw.trim();
  let m = /^(.*?)\s*[([]\s*([^()[\]]*?)\s*[)\]]\s*$/.exec(name);
  if (m && m[1] !== "") return { name, base: m[1]!.toLowerCase(), unit: m[2]! };
  // EC-Lab style: the unit follows the LAST slash ("Q charge/discharge/mA.h"), when it reads as one ("ox/red" does not)
  const slash = name.lastIndexOf("/");
  if (slash > 0 && slash < name.length - 1 && SLASH_UNIT.test(name.slice(slash + 1).trim())) {
    return { name, base: name.slice(0, slash).trim().toLowerCase(), unit: name.slice(slash + 1).trim() };
  }
  // underscore suffix only when it reads as a unit, so "I_WE_A" -> A but "ti_201202_000" stays a name
  m = /^(.+?)_([a-zA-Zµμ]{1,7})$/.exec(name);
  if (m && UNIT_WORD.test(m[2]!)) return { name, base: m[1]!.toLowerCase(), unit: m[2]! };
  m = /^(.+?)\s+in\s+([a-zA-Zµμ]+)$/i.exec(name);
  if (m && UNIT_WORD.test(m[2]!)) return { name, base: m[1]!.toLowerCase(), unit: m[2]! };
  return { name, base: name.toLowerCase(), unit: null };
}

const SLASH_UNIT = /^(s|sec|secs|ms|us|µs|μs|min|h|hr|A|mA|uA|µA|μA|nA|pA|fA|V|mV|C|mC|W|mW|W\.h|mA\.h|Ah|mAh|F|µF|μF|Ohm|ohm|Ω|%|K|°C|Hz|(?=.*[A-Zµμ°%])[a-zA-Zµμ°%]{1,4}(\.[a-zA-Z]{1,2})?)$/;

const UNIT_WORD = /^(s|sec|ms|us|µs|μs|min|h|hr|A|mA|uA|µA|μA|nA|pA|fA|V|mV)$/;

const EXCLUDE_CURRENT = /range|overload|limit|compliance|set ?point|density|units?\b|control|sens|gain|source|\bmax\b|\bmin\b/;

/** How strongly a column base name says "current" (0 = not at all). */
export function currentScore(base: string): number {
  const b = base.trim();
  if (EXCLUDE_CURRENT.test(b)) return 0;
  if (/^<?i>?$/.test(b) || /^(i|<i>)[ _.-]?(we|m|meas|measured|cell|heat|sample|mon)$/.test(b)) return 3;
  if (/^im$|^iheat$|^i_?we(_?\d)?$|^i\d$/.test(b)) return 3;
  if (/\bcurrent\b/.test(b)) return /charge|voltage/.test(b) ? 1 : 3;
  if (/^i\s*\(/.test(b)) return 2;
  return 0;
}

/** How strongly a column base name says "elapsed time" (higher = better axis). */
export function timeScore(base: string): number {
  const b = base.trim();
  // "Test_Time", "Elapsed_Time" (Arbin and others) read like their spaced names
  if (b.includes("_") && b !== "time_s") return timeScore(b.replace(/_/g, " "));
  if (/^(t|time|time_s|elapsed time|elapsed|relative time|total time|test ?time|experiment time|run time|seconds|sec)$/.test(b)) return 4;
  if (/^(time stamp|timestamp|real time|date ?time|date and time|dpt time|clock)$/.test(b)) return 2;
  if (/\btime\b/.test(b) && !/step time|cycle|charge time|discharge|load on|rise|fall|constant|interval|delay|quiet|run time/.test(b)) return 3;
  if (/step time/.test(b)) return 1;
  return 0;
}

export function isRangeColumn(base: string): boolean {
  return /(^|\b)(i|current)\s*range\b|^ierange$|^range$/.test(base.trim());
}

export function isOverloadColumn(base: string): boolean {
  return /overload|^over$/.test(base.trim());
}

export function isVoltageColumn(base: string, unit: string | null): boolean {
  return /^(e|v|ewe|vf|vu|voltage|potential|volts)\b|voltage|potential/.test(base.trim()) || unit === "V" || unit === "mV";
}
