#include "briefmap/data/gdal_output.hpp"

#include <cpl_error.h>
#include <cpl_vsi.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <span>

#include "briefmap/data/atomic_file.hpp"

namespace briefmap::data {
namespace {

std::atomic<unsigned> g_memoryFileCounter{0};

struct MemoryFileRemover {
  std::string prefix;
  ~MemoryFileRemover() { VSIRmdirRecursive(prefix.c_str()); }
};

}  // namespace

void writeThroughGdalMemory(const std::filesystem::path& target, const std::string& extension,
                            const std::function<void(const std::string& memoryPath)>& create) {
  // A folder of its own, so a driver's side files (a GeoPackage's journal) go with it.
  const MemoryFileRemover folder{"/vsimem/briefmap-out-" + std::to_string(::getpid()) + "-" +
                                 std::to_string(g_memoryFileCounter++)};
  const std::string memoryPath = folder.prefix + "/out" + extension;
  // Opening the target first reports a missing or unwritable folder before any work.
  AtomicFile file(target);
  CPLErrorReset();
  create(memoryPath);
  if (CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal)
    throw WriteError("cannot write " + target.string() + ": " + CPLGetLastErrorMsg());
  vsi_l_offset length = 0;
  std::unique_ptr<GByte, decltype(&VSIFree)> bytes(VSIGetMemFileBuffer(memoryPath.c_str(), &length, TRUE), &VSIFree);
  if (!bytes) throw WriteError("cannot write " + target.string() + ": GDAL wrote nothing");
  file.write(std::as_bytes(std::span(bytes.get(), static_cast<size_t>(length))));
  file.commit();
}

}  // namespace briefmap::data
