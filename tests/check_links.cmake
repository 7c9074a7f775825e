# Fails when a binary links what its module may not: shared libraries by their NEEDED entries (readelf), and
# static ones (libimgui.a) by their symbols (nm). Run as: cmake -DBINARY=… -DFORBIDDEN_LIBRARIES=regex
# -DFORBIDDEN_SYMBOLS=regex -P check_links.cmake
execute_process(COMMAND readelf -d ${BINARY} OUTPUT_VARIABLE dynamic RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "readelf could not read ${BINARY}")
endif()
string(REGEX MATCHALL "Shared library: \\[[^]]+\\]" needed "${dynamic}")
if(NOT needed)
  message(FATAL_ERROR "${BINARY} lists no shared libraries: the check would prove nothing")
endif()
foreach(entry IN LISTS needed)
  if(FORBIDDEN_LIBRARIES AND entry MATCHES "${FORBIDDEN_LIBRARIES}")
    message(FATAL_ERROR "${BINARY} links ${entry}, which it may not (${FORBIDDEN_LIBRARIES})")
  endif()
endforeach()
if(FORBIDDEN_SYMBOLS)
  # grep, not a CMake regex over the whole symbol table: the debug binaries hold hundreds of thousands of symbols.
  execute_process(COMMAND nm -C --defined-only ${BINARY}
                  COMMAND grep -m1 -E "${FORBIDDEN_SYMBOLS}"
                  OUTPUT_VARIABLE found RESULTS_VARIABLE results)
  if(found)  # before nm's status: grep stops at the first match and nm then dies of SIGPIPE
    string(STRIP "${found}" found)
    message(FATAL_ERROR "${BINARY} contains code it may not link: ${found}")
  endif()
  list(GET results 0 nmResult)
  if(NOT nmResult EQUAL 0)
    message(FATAL_ERROR "nm could not read ${BINARY}")
  endif()
endif()
message(STATUS "${BINARY}: none of ${FORBIDDEN_LIBRARIES} ${FORBIDDEN_SYMBOLS}")
