// The answers files a person chooses or drops: read in this browser (nothing is sent anywhere) as bytes, which
// Python reads as text by its one rule, and added to those chosen before. Size is a guard set by Python at build
// time; Python words every problem, and says which file repeats another's answers (counted once).

import { toBase64 } from "./files.mjs";

/** Each file as {name, bytes} (base64, for Python), or {name, unreadable: "too-large" | "not-read"} for Python to
 * explain. */
export async function readFiles(list, maxBytes) {
  const read = [];
  for (const file of list) {
    if (file.size > maxBytes) {
      read.push({ name: file.name, unreadable: "too-large" });
      continue;
    }
    try {
      read.push({ name: file.name, bytes: toBase64(new Uint8Array(await file.arrayBuffer())) });
    } catch {
      read.push({ name: file.name, unreadable: "not-read" });
    }
  }
  return read;
}

/** Files dropped on the zone, for those who drag them from a folder; the file control is the way in by
 * keyboard, and says so. */
export function dropZone($drop, onFiles) {
  const over = (event) => {
    if (!event.dataTransfer || ![...event.dataTransfer.types].includes("Files")) return;
    event.preventDefault();
    $drop.classList.add("obc-drop--over");
  };
  $drop.addEventListener("dragenter", over);
  $drop.addEventListener("dragover", over);
  $drop.addEventListener("dragleave", () => $drop.classList.remove("obc-drop--over"));
  $drop.addEventListener("drop", (event) => {
    $drop.classList.remove("obc-drop--over");
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    event.preventDefault();
    onFiles(event.dataTransfer.files);
  });
}
