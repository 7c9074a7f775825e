# Embeds every GLSL file of shaders/ into a generated C++ source in the build folder,
# so the binary carries its shaders and never reads them at run time.
function(briefmap_embed_shaders target)
  set(out_cpp "${CMAKE_CURRENT_BINARY_DIR}/generated/embedded_shaders.cpp")
  set(shader_files ${ARGN})
  list(JOIN shader_files "|" joined)
  add_custom_command(
    OUTPUT "${out_cpp}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DFILES=${joined} -P "${PROJECT_SOURCE_DIR}/cmake/WriteShaderSource.cmake"
    DEPENDS ${shader_files} "${PROJECT_SOURCE_DIR}/cmake/WriteShaderSource.cmake"
    COMMENT "Embedding GLSL shaders"
    VERBATIM)
  target_sources(${target} PRIVATE "${out_cpp}")
endfunction()
