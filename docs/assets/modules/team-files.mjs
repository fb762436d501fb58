// The answers files a person chooses or drops: read as text in this browser (nothing is sent), added to those
// chosen before, and never twice. Size is a guard set by Python at build time; Python words every problem.

/** Each file as {name, text}, or {name, unreadable: "too-large" | "not-read"} for Python to explain. */
export async function readFiles(list, maxBytes) {
  const read = [];
  for (const file of list) {
    if (file.size > maxBytes) {
      read.push({ name: file.name, unreadable: "too-large" });
      continue;
    }
    try {
      read.push({ name: file.name, text: await file.text() });
    } catch {
      read.push({ name: file.name, unreadable: "not-read" });
    }
  }
  return read;
}

/** The files chosen so far with the new ones added after them; a file chosen again (same name and content)
 * is kept once, in its first place. Returns {files, added, repeated} (counts). */
export function addFiles(existing, added) {
  const key = (file) => `${file.name}\u0000${file.text ?? ""}\u0000${file.unreadable ?? ""}`;
  const seen = new Set(existing.map(key));
  const files = [...existing];
  let repeated = 0;
  for (const file of added) {
    if (seen.has(key(file))) {
      repeated += 1;
      continue;
    }
    seen.add(key(file));
    files.push(file);
  }
  return { files, added: files.length - existing.length, repeated };
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
