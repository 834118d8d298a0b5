// The tool version, read once from package.json so results can name what produced them.
import { packageManifest } from "./packageroot.js";

// no package.json above the running module: the files were moved out of the package
export const VERSION = packageManifest()?.version ?? "0.0.0";
