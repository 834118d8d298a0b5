// The reader modules in the order they are tried: specific vendor layouts first, generic last.
import type { FormatReader } from "../layout.js";
import { atf } from "./atf.js";
import { delimited } from "./delimited.js";
import { eclab } from "./eclab.js";
import { gamry } from "./gamry.js";
import { impulse } from "./impulse.js";
import { labview } from "./labview.js";
import { maccor } from "./maccor.js";
import { protochips } from "./protochips.js";
import { chi, digiheater, kickstart, nova, pec } from "./vendors.js";

export const READERS: FormatReader[] = [eclab, gamry, atf, protochips, impulse, labview, maccor, chi, kickstart, nova, pec, digiheater, delimited];
