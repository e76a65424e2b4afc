/*
 * HotSpot's disassembler plugin entry point (decode_instructions_virtual, JDK 13 and later) over
 * Debian's libhsdis0-fcml, which exports only the older decode_instructions. The code HotSpot hands
 * over is in memory at its own address, so the old call on the same bytes prints the same
 * addresses. Built and used by benchmarks/disassemble.sh.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>

typedef void *(*event_callback)(void *, const char *, void *);
typedef int (*printf_callback)(void *, const char *, ...);
typedef void *(*decode_fn)(void *, void *, event_callback, void *, printf_callback, void *, const char *);

void *decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char *buffer, uintptr_t length,
    event_callback events, void *event_stream, printf_callback printer, void *printer_stream, const char *options,
    int newline) {
  static decode_fn decode;
  (void) start_va;
  (void) end_va;
  (void) newline;
  if (decode == NULL) {
    void *library = dlopen("libhsdis.so.0", RTLD_NOW);
    decode = library == NULL ? NULL : (decode_fn) dlsym(library, "decode_instructions");
    if (decode == NULL) {
      fprintf(stderr, "hsdis shim: libhsdis.so.0 (apt-get install libhsdis0-fcml) not found\n");
      return NULL;
    }
  }
  return decode(buffer, buffer + length, events, event_stream, printer, printer_stream, options);
}
