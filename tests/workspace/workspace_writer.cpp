// A writer for the crash test: commits a stream of changes to a workspace, each adding two features, and after
// each commit appends its number to a log (fsync'd), so the test knows what was committed before its kill -9.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "briefmap/workspace/workspace.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: workspace_writer WORKSPACE RUN LOG\n");
    return 2;
  }
  using namespace briefmap::workspace;
  auto w = Workspace::open(argv[1]);
  const int log = ::open(argv[3], O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (log < 0) return 1;
  for (int i = 0;; ++i) {
    Change change;
    change.label = "Stream " + std::to_string(i);
    for (const char* part : {"a", "b"}) {
      FeatureRecord f;
      f.uid = std::string("k-") + argv[2] + "-" + std::to_string(i) + "-" + part;
      f.option = "buffer_zone";
      f.layer = "crash";
      f.feature.geometry.polygons.push_back({{{{30.0 + i % 10, 47.0}, {30.5 + i % 10, 47.0}, {30.5 + i % 10, 47.5}}}});
      f.feature.properties = {{"name", f.uid}, {"placement", "analyst"}, {"note", std::string(200, 'x')}};
      change.features.push_back({std::nullopt, f});
    }
    const auto result = w->commit(change);
    if (!result.ok()) {
      std::fprintf(stderr, "%s\n", result.reason.c_str());
      return 1;
    }
    const std::string line = std::to_string(i) + "\n";
    if (::write(log, line.data(), line.size()) != static_cast<ssize_t>(line.size()) || ::fsync(log) != 0) return 1;
  }
}
