#include "briefmap/data/vector_reader.hpp"
#include "briefmap/data/ogr_convert.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_http.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

namespace briefmap::data {
namespace {

namespace fs = std::filesystem;

std::atomic<int> g_blockedRequests{0};

// Every HTTP request GDAL would make (GML schemas, CRS by URL, remote references) ends here.
CPLHTTPResult* refuseNetwork(const char* url, CSLConstList, GDALProgressFunc, void*, CPLHTTPFetchWriteFunc, void*,
                             void*) {
  ++g_blockedRequests;
  auto* result = static_cast<CPLHTTPResult*>(CPLCalloc(1, sizeof(CPLHTTPResult)));
  result->nStatus = 1;
  result->pszErrBuf = CPLStrdup((std::string("briefmap works offline; refused to fetch ") + (url ? url : "")).c_str());
  return result;
}

// 1234567 -> "1,234,567"
std::string withThousands(std::uintmax_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string formatBytes(std::uintmax_t n) {
  return n >= (std::uintmax_t{1} << 20) ? withThousands(n >> 20) + " MiB" : withThousands(n) + " bytes";
}

// Messages that differ only in numbers or "quoted" values ("unknown id 17", "unknown id 18") are one kind: the first
// is kept and the rest counted, so a million of them make one line, not a million.
class RepeatCounter {
 public:
  void add(const std::string& message) {
    std::string key;
    bool inDigits = false, inQuotes = false;
    for (char c : message) {
      if (c == '"') inQuotes = !inQuotes;
      if (inQuotes) continue;  // "quoted values" differ from one feature to the next
      const bool digit = std::isdigit(static_cast<unsigned char>(c)) != 0;
      if (digit && !inDigits) key.push_back('#');
      if (!digit) key.push_back(c);
      inDigits = digit;
    }
    auto it = m_counts.find(key);
    if (it == m_counts.end()) {
      if (m_order.size() >= kMaxKinds) {  // a flood of distinct messages must not grow without bound either
        ++m_others;
        return;
      }
      it = m_counts.emplace(key, 0).first;
      m_order.push_back({key, message});
    }
    ++it->second;
  }
  // One line per kind, in the order first seen: "<prefix><first> (and N more like it)".
  void flush(const std::string& prefix, std::vector<std::string>& out) const {
    for (const auto& [key, first] : m_order) {
      const size_t n = m_counts.at(key);
      out.push_back(prefix + first + (n > 1 ? " (and " + withThousands(n - 1) + " more like it)" : ""));
    }
    if (m_others) out.push_back(prefix + "… and " + withThousands(m_others) + " other messages");
  }
  bool empty() const { return m_order.empty(); }

 private:
  static constexpr size_t kMaxKinds = 100;
  std::map<std::string, size_t> m_counts;
  std::vector<std::pair<std::string, std::string>> m_order;
  size_t m_others = 0;
};

// Collects GDAL's messages for the current thread instead of printing them: the last failure, and every warning
// or failure counted by kind (see RepeatCounter).
class ErrorCapture {
 public:
  ErrorCapture() { CPLPushErrorHandlerEx(&ErrorCapture::handler, this); }
  ~ErrorCapture() { CPLPopErrorHandler(); }
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;
  const std::string& lastError() const { return m_last; }
  const RepeatCounter& messages() const { return m_messages; }
  void clear() {
    m_last.clear();
    m_messages = RepeatCounter();
  }

 private:
  static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* msg) {
    auto* self = static_cast<ErrorCapture*>(CPLGetErrorHandlerUserData());
    if (!self || !msg || level < CE_Warning) return;
    if (level >= CE_Failure) self->m_last = msg;
    self->m_messages.add(msg);
  }
  std::string m_last;
  RepeatCounter m_messages;
};

bool isRemoteOrVirtual(const std::string& path) {
  return path.rfind("/vsi", 0) == 0 || path.find("://") != std::string::npos;
}

const char* describeType(fs::file_type type) {
  switch (type) {
    case fs::file_type::fifo: return "a FIFO (named pipe)";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::directory: return "a folder";
    default: return "not a regular file";
  }
}

// Only regular files are read: a FIFO would block the read forever, a device (a link to /dev/urandom named .kml)
// never ends. Checked on the link's target, and on the files beside it that a driver opens with it
// (x.shp -> x.dbf, x.tab -> x.dat), before GDAL sees any of them.
void requireRegularFiles(const fs::path& path, const ReadLimits& limits) {
  const std::string name = path.string();
  std::error_code ec;
  const fs::file_status target = fs::status(path, ec);
  if (target.type() == fs::file_type::not_found) {
    if (fs::is_symlink(fs::symlink_status(path, ec))) throw DataError(name + ": is a link to a file that does not exist");
    throw DataError(name + ": file not found");
  }
  if (ec) throw DataError(name + ": cannot be read: " + ec.message());
  if (target.type() == fs::file_type::directory) throw DataError(name + ": is a folder, not a file");
  if (target.type() != fs::file_type::regular) {
    throw DataError(name + ": is " + describeType(target.type()) + "; briefmap reads only regular files");
  }
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) throw DataError(name + ": cannot be read: " + ec.message());
  if (size == 0) throw DataError(name + ": the file is empty");
  if (size > limits.maxFileBytes) {
    throw DataError(name + ": is " + formatBytes(size) + ", more than the limit of " + formatBytes(limits.maxFileBytes) +
                    " (set BRIEFMAP_MAX_FILE_MB to raise it)");
  }
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::string stem = path.stem().string() + ".";
  std::transform(stem.begin(), stem.end(), stem.begin(), [](unsigned char c) { return std::tolower(c); });
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::string other = it->path().filename().string();
    std::transform(other.begin(), other.end(), other.begin(), [](unsigned char c) { return std::tolower(c); });
    if (other.rfind(stem, 0) != 0) continue;
    const fs::file_type type = fs::status(it->path(), ec).type();
    ec.clear();
    if (type != fs::file_type::regular && type != fs::file_type::directory && type != fs::file_type::not_found) {
      throw DataError(name + ": " + it->path().filename().string() + " beside it is " + describeType(type) +
                      "; briefmap reads only regular files");
    }
  }
}

// Whether a file of the same stem with `extension` (".dbf"; any case, as GDAL looks) lies beside `path`.
bool hasCompanion(const fs::path& path, const std::string& extension) {
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
  };
  const std::string wanted = lower(path.stem().string() + extension);
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    if (lower(it->path().filename().string()) == wanted && fs::is_regular_file(it->path(), ec)) return true;
  return false;
}

bool isSqliteFile(const fs::path& path) {
  char header[16] = {};
  std::ifstream in(path, std::ios::binary);
  return in.read(header, sizeof header) && std::string(header, sizeof header) == std::string("SQLite format 3\0", 16);
}

// Whether the file's root object ends with an array of objects, "… } ] }": in a GeoJSON FeatureCollection that is
// the features array, so no root member ("crs", "name") comes after the features. Read from the last 4 KiB; any
// other ending (members after the features, a JSONP wrapper, not JSON at all) says no.
bool endsWithFeatureArray(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in.seekg(0, std::ios::end)) return false;
  const std::streamoff size = in.tellg();
  const std::streamoff tail = std::min<std::streamoff>(size, 4096);
  std::string bytes(static_cast<size_t>(tail), '\0');
  if (tail <= 0 || !in.seekg(size - tail) || !in.read(bytes.data(), tail)) return false;
  size_t at = bytes.size();
  auto previous = [&]() -> char {
    while (at > 0 && std::isspace(static_cast<unsigned char>(bytes[at - 1]))) --at;
    return at > 0 ? bytes[--at] : '\0';
  };
  return previous() == '}' && previous() == ']' && previous() == '}';
}

// GDAL's GeoJSON driver parses the whole file once while opening it, to learn its fields, count its features and
// find the root's "crs" and "name", then again to read the features. A read for a picture takes no field: the first
// pass may stop after the first feature, unless root members may follow the features (then it reads all of it, as
// before). Set for this thread's open only; the count is then unknown (progress shows features read, no percentage).
class GeoJsonFirstPass {
 public:
  GeoJsonFirstPass(const fs::path& path, const ReadOptions& options, bool sqlite) {
    m_shortened = !options.attributes && !sqlite && endsWithFeatureArray(path);
    if (m_shortened) CPLSetThreadLocalConfigOption("OGR_GEOJSON_MAX_FEATURES_FIRST_PASS", "1");
  }
  ~GeoJsonFirstPass() {
    if (m_shortened) CPLSetThreadLocalConfigOption("OGR_GEOJSON_MAX_FEATURES_FIRST_PASS", nullptr);
  }
  GeoJsonFirstPass(const GeoJsonFirstPass&) = delete;
  GeoJsonFirstPass& operator=(const GeoJsonFirstPass&) = delete;

 private:
  bool m_shortened = false;
};

// A GeoPackage or SQLite file is read through a read-only view of it, "/vsibriefmap-ro/<n>/<name>". Opened where it
// lies, SQLite (and GDAL 3.6, which reopens a read-only GeoPackage read-write on close to tidy its -wal, even with
// IMMUTABLE=YES) merges a -wal into the user's file and deletes the -wal and -shm, and a stale lock stalls the read.
// The view has no neighbours (its -wal, -shm and -journal do not exist), refuses every write and takes no lock; it
// reads the file with pread from a descriptor of its own, so a 445 MB GeoPackage is no longer copied into memory
// (/vsimem/, before) while it is read. A file cut short during the read gives short reads, which SQLite reports as
// an I/O error: a message naming the file, not a crash (as a memory map would give).
class ReadOnlyView {
 public:
  explicit ReadOnlyView(const fs::path& path) {
    installHandler();
    m_file.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (m_file.fd < 0 || ::fstat(m_file.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      if (m_file.fd >= 0) ::close(m_file.fd);
      throw DataError(path.string() + ": cannot be read");
    }
    m_file.size = static_cast<vsi_l_offset>(st.st_size);
    m_key = std::to_string(++g_views) + "/" + path.filename().string();
    m_name = std::string(kPrefix) + m_key;
    std::lock_guard lock(mutex());
    views()[m_key] = m_file;
  }
  ~ReadOnlyView() {
    {
      std::lock_guard lock(mutex());
      views().erase(m_key);
    }
    ::close(m_file.fd);
  }
  ReadOnlyView(const ReadOnlyView&) = delete;
  ReadOnlyView& operator=(const ReadOnlyView&) = delete;
  const std::string& name() const { return m_name; }

 private:
  static constexpr const char* kPrefix = "/vsibriefmap-ro/";
  struct File {
    int fd = -1;
    vsi_l_offset size = 0;  ///< at the open: the view does not grow with the file
  };
  struct Handle {
    File file;
    vsi_l_offset at = 0;
    bool eof = false;
  };
  static std::mutex& mutex() {
    static std::mutex m;
    return m;
  }
  static std::map<std::string, File>& views() {
    static std::map<std::string, File> v;
    return v;
  }
  // GDAL hands the callbacks the name without the prefix.
  static std::optional<File> find(const char* name) {
    std::string_view key = name ? name : "";
    if (key.rfind(kPrefix, 0) == 0) key.remove_prefix(std::strlen(kPrefix));
    std::lock_guard lock(mutex());
    auto it = views().find(std::string(key));
    if (it == views().end()) return std::nullopt;
    return it->second;
  }
  static void installHandler() {
    static std::once_flag once;
    std::call_once(once, [] {
      VSIFilesystemPluginCallbacksStruct* cb = VSIAllocFilesystemPluginCallbacksStruct();
      cb->stat = [](void*, const char* name, VSIStatBufL* out, int) -> int {
        const auto file = find(name);
        if (!file) return -1;  // the -wal, -shm and -journal beside it: absent
        std::memset(out, 0, sizeof *out);
        out->st_mode = S_IFREG | 0444;
        out->st_size = static_cast<off_t>(file->size);
        return 0;
      };
      cb->open = [](void*, const char* name, const char* access) -> void* {
        const auto file = find(name);
        if (!file || !access || access[0] != 'r' || std::strchr(access, '+') || std::strchr(access, 'w')) return nullptr;
        return new Handle{*file};
      };
      cb->tell = [](void* h) -> vsi_l_offset { return static_cast<Handle*>(h)->at; };
      cb->seek = [](void* h, vsi_l_offset offset, int whence) -> int {
        auto* handle = static_cast<Handle*>(h);
        if (whence == SEEK_SET) handle->at = offset;
        else if (whence == SEEK_CUR) handle->at += offset;
        else if (whence == SEEK_END) handle->at = handle->file.size + offset;
        else return -1;
        handle->eof = false;
        return 0;
      };
      cb->read = [](void* h, void* buffer, size_t size, size_t count) -> size_t {
        auto* handle = static_cast<Handle*>(h);
        if (size == 0 || count == 0) return 0;
        const vsi_l_offset wanted = static_cast<vsi_l_offset>(size) * count;
        const vsi_l_offset left = handle->at < handle->file.size ? handle->file.size - handle->at : 0;
        const size_t bytes = static_cast<size_t>(std::min(wanted, left));
        size_t got = 0;
        while (got < bytes) {
          const ssize_t n = ::pread(handle->file.fd, static_cast<char*>(buffer) + got, bytes - got,
                                    static_cast<off_t>(handle->at + got));
          if (n < 0 && errno == EINTR) continue;
          if (n <= 0) break;  // cut short or unreadable: a short read, which the driver reports
          got += static_cast<size_t>(n);
        }
        handle->at += got;
        if (got < wanted) handle->eof = true;
        return got / size;
      };
      cb->eof = [](void* h) -> int { return static_cast<Handle*>(h)->eof ? 1 : 0; };
      cb->close = [](void* h) -> int {
        delete static_cast<Handle*>(h);
        return 0;
      };
      VSIInstallPluginHandler(kPrefix, cb);
      VSIFreeFilesystemPluginCallbacksStruct(cb);
    });
  }
  static inline std::atomic<unsigned> g_views{0};
  File m_file;
  std::string m_key, m_name;  ///< the name after the prefix, and with it
};

// Vertices of an OGR geometry, counted before any is copied (the limit must hold before we allocate).
size_t countVertices(const OGRGeometry* g) {
  if (!g || g->IsEmpty()) return 0;
  switch (wkbFlatten(g->getGeometryType())) {
    case wkbPoint: return 1;
    case wkbLineString:
    case wkbLinearRing:
    case wkbCircularString: return static_cast<size_t>(g->toSimpleCurve()->getNumPoints());
    case wkbPolygon: {
      size_t n = 0;
      for (const auto* ring : *g->toPolygon()) n += static_cast<size_t>(ring->getNumPoints());
      return n;
    }
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection: {
      size_t n = 0;
      for (const auto* part : *g->toGeometryCollection()) n += countVertices(part);
      return n;
    }
    default: return 0;  // curves and surfaces: linearised later, counted after
  }
}

// Longitude may run past ±180 (data crossing the antimeridian); latitude may not pass the poles.
bool isLonLat(const LonLat& p) {
  return std::isfinite(p.lon) && std::isfinite(p.lat) && p.lon >= -360.0 && p.lon <= 360.0 && p.lat >= -90.000001 &&
         p.lat <= 90.000001;
}

// The first vertex that is not a usable longitude/latitude, if any.
const LonLat* firstImpossibleVertex(const Geometry& g) {
  for (const auto& p : g.points)
    if (!isLonLat(p)) return &p;
  for (const auto& line : g.lines)
    for (const auto& p : line)
      if (!isLonLat(p)) return &p;
  for (const auto& poly : g.polygons)
    for (const auto& ring : poly.rings)
      for (const auto& p : ring)
        if (!isLonLat(p)) return &p;
  return nullptr;
}

std::string formatCoordinate(double v) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

struct DatasetCloser {
  void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

// A time limit on one GeoPackage/SQLite layer: SQLite calls back every few thousand instructions and the query
// stops once the time is up, so a view that runs for ever (or refers to itself) costs seconds, not the session.
// SQLite's progress handler ends a statement that runs past `until`. The limit is on the time without a row, not on
// the whole layer: an endless view never gives one, while a big table under load may take longer than the limit to read
// whole (bench_1m.gpkg's 200,000 events did at load 10) and must not be skipped for it.
struct SqlDeadline {
  std::chrono::steady_clock::time_point until = std::chrono::steady_clock::time_point::max();
  double seconds = 0;
  bool hit = false;
  void restart() {
    until = std::chrono::steady_clock::now() +
            std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
  }
  static int onProgress(void* self) {
    auto* d = static_cast<SqlDeadline*>(self);
    if (std::chrono::steady_clock::now() < d->until) return 0;
    d->hit = true;
    return 1;
  }
};

const char* const kSupportedFormats =
    "GeoJSON, GeoPackage, SQLite/SpatiaLite, Shapefile, KML, FlatGeobuf, GML, GPX, CSV, TopoJSON, MapInfo, DXF, GMT, "
    "JML, GeoRSS, Esri JSON, OSM";

// Opens `name` (the file itself, or its read-only view) with the allowed drivers; errors name `shown`.
DatasetPtr openWithAllowedDrivers(const std::string& name, const std::string& shown, const ReadOptions& options,
                                  bool sqliteOnly) {
  std::vector<const char*> drivers;
  for (const auto& d : allowedVectorDrivers())
    if (!sqliteOnly || d == "GPKG" || d == "SQLite") drivers.push_back(d.c_str());
  drivers.push_back(nullptr);
  // Open options of the drivers that take them (GDAL ignores the others, with a warning we do not show).
  // WRITE_GFS=NO: the GML reader would otherwise save a .gfs schema sidecar beside the user's file.
  // The CSV options find coordinate columns by their usual names, or by the names the user gave.
  const std::string xNames = "X_POSSIBLE_NAMES=" +
                             (options.xField.empty() ? std::string("x,lon,long,lng,longitude,easting,xcoord,x_coord")
                                                     : options.xField);
  const std::string yNames = "Y_POSSIBLE_NAMES=" +
                             (options.yField.empty() ? std::string("y,lat,latitude,northing,ycoord,y_coord")
                                                     : options.yField);
  std::vector<const char*> openOptions;
  if (sqliteOnly) {
    openOptions = {"LIST_ALL_TABLES=NO"};
  } else {
    openOptions = {"WRITE_GFS=NO", xNames.c_str(), yNames.c_str(),
                   "GEOM_POSSIBLE_NAMES=wkt,geom,geometry,the_geom,wkt_geom,shape"};
    // The coordinate columns stay attributes (as in QGIS): GDAL 3.6's KEEP_GEOM_COLUMNS=NO reads past its field
    // list when two header columns match the coordinate names, e.g. "latitude,lat" or a repeated "lon" (found by
    // fuzzing; see VectorReader.ACsvWithTwoLatitudeColumnsIsRead).
  }
  openOptions.push_back(nullptr);
  ErrorCapture errors;
  GDALDataset* ds = GDALDataset::Open(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                      drivers.data(), openOptions.data(), nullptr);
  if (!ds) {
    std::string why = errors.lastError();
    if (why.empty()) why = std::string("not a vector format briefmap reads (") + kSupportedFormats + ")";
    // GDAL names the read-only view; the user knows the file by its own name.
    for (size_t at = why.find(name); at != std::string::npos; at = why.find(name, at + shown.size()))
      why.replace(at, name.size(), shown);
    throw DataError(shown + ": cannot be read: " + why);
  }
  return DatasetPtr(ds);
}

// Used for the bundled basemap and places (trusted files of our own): opened where they lie, read-only.
DatasetPtr openReadOnly(const std::filesystem::path& path) {
  configureGdalOffline();
  const std::string name = path.string();
  if (isRemoteOrVirtual(name)) {
    throw DataError(name + ": only local files can be opened (briefmap works offline)");
  }
  ReadOptions options;
  options.limits.maxFileBytes = ~std::uintmax_t{0};
  requireRegularFiles(path, options.limits);
  return openWithAllowedDrivers(name, name, options, false);
}

const OGRSpatialReference& wgs84() {
  static const OGRSpatialReference srs = [] {
    OGRSpatialReference s;
    s.SetWellKnownGeogCS("WGS84");
    s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return s;
  }();
  return srs;
}

// Memory per feature besides its vertices (see estimateLayerBytes): the Feature with its geometry's vectors and
// property object, and per field a property (map node, name, JSON value); longer strings take more, vertices less
// than the file gives them, so the sum stays an upper-side figure for typical files.
constexpr std::uintmax_t kFeatureBytes = 160;
constexpr std::uintmax_t kFieldBytes = 96;
constexpr std::uintmax_t kVertexBytes = sizeof(LonLat);

// Tells the caller how far the read has come, at a bounded rate, and stops it when the caller says so.
class ProgressReporter {
 public:
  ProgressReporter(const ReadProgressHook& hook, const fs::path& file) : m_hook(hook) { m_progress.file = file; }
  bool wanted() const { return static_cast<bool>(m_hook); }
  // Before the open (which cannot be interrupted) and before each layer: always reported.
  void opening() {
    m_progress.opening = true;
    report();
    m_progress.opening = false;
  }
  // Before each layer. knownFeatures: the driver's count without reading (GetFeatureCount(FALSE)), negative when
  // it does not know.
  void startLayer(size_t index, size_t count, long long knownFeatures) {
    m_progress.layer = index;
    m_progress.layerCount = count;
    m_progress.layerFeaturesRead = 0;
    m_progress.layerFeaturesTotal = knownFeatures > 0 ? static_cast<size_t>(knownFeatures) : 0;
    report();
  }
  // Per feature: a counter; the clock only every 256 features, the hook at most every 50 ms.
  void featureRead() {
    ++m_progress.featuresRead;
    ++m_progress.layerFeaturesRead;
    if (!m_hook || (++m_sinceClock & 255) != 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_lastReport < std::chrono::milliseconds(50)) return;
    report();
  }
  void finished() {
    if (m_progress.layerCount > 0) m_progress.layer = m_progress.layerCount - 1;
    if (m_progress.layerFeaturesTotal > 0) m_progress.layerFeaturesRead = m_progress.layerFeaturesTotal;
    report();
  }

 private:
  void report() {
    if (!m_hook) return;
    m_lastReport = std::chrono::steady_clock::now();
    if (!m_hook(m_progress)) throw ReadCancelled(m_progress.file.string() + ": cancelled");
  }
  const ReadProgressHook& m_hook;
  ReadProgress m_progress;
  size_t m_sinceClock = 0;
  std::chrono::steady_clock::time_point m_lastReport{};
};

// What a file may still cost, shared by its layers.
struct ReadBudget {
  const ReadLimits& limits;
  std::string file;
  std::uintmax_t fileBytes = 0;
  ProgressReporter* progress = nullptr;
  size_t features = 0;
  size_t vertices = 0;
  std::uintmax_t propertyBytes = 0;  ///< features × their kept fields' estimate, so far
  bool attributes = true;            ///< ReadOptions::attributes
  const ReadOptions* options = nullptr;  ///< for its batch hook (none for the basemap's reads)
  /// The SQL time limit (GeoPackage/SQLite): counted from the last feature, so a big layer read for minutes is not cut
  /// while a view that gives no row for that long is. Null for other formats.
  SqlDeadline* deadline = nullptr;

  void rowArrived() const {
    if (deadline) deadline->restart();
  }

  void addFeature(size_t keptFields) {
    if (++features > limits.maxFeatures) {
      throw DataError(file + ": has more than " + withThousands(limits.maxFeatures) +
                      " features, the limit (set BRIEFMAP_MAX_FEATURES to raise it)");
    }
    propertyBytes += kFeatureBytes + keptFields * kFieldBytes;
    rowArrived();
    if (progress) progress->featureRead();
  }
  void addVertices(size_t n) {
    vertices += n;
    if (vertices > limits.maxVertices) {
      throw DataError(file + ": has more than " + withThousands(limits.maxVertices) +
                      " vertices, the limit (set BRIEFMAP_MAX_VERTICES to raise it)");
    }
    // Checked before the feature's vertices are copied: the running figure for drivers that do not know their count.
    const std::uintmax_t sofar = propertyBytes + vertices * kVertexBytes;
    if (sofar > limits.maxMemoryBytes) refuseMemory(sofar, "the " + withThousands(features) + " features read so far");
  }
  // Before a layer's features are read, where the driver knows their count.
  void checkEstimate(size_t layerFeatures, size_t keptFields) const {
    // The file's size stands for the geometry of all its layers (or the vertices counted, if already more).
    const std::uintmax_t estimate =
        propertyBytes + estimateLayerBytes(std::max<std::uintmax_t>(fileBytes, vertices * kVertexBytes), layerFeatures,
                                           keptFields);
    if (estimate > limits.maxMemoryBytes) {
      refuseMemory(estimate, "its " + withThousands(features + layerFeatures) + " features, " +
                                 withThousands(keptFields) + " fields and " + formatBytes(fileBytes));
    }
  }
  [[noreturn]] void refuseMemory(std::uintmax_t estimate, const std::string& from) const {
    throw DataError(file + ": would take about " + formatBytes(estimate) + " of memory (estimated from " + from +
                    "), more than the limit of " + formatBytes(limits.maxMemoryBytes) +
                    " (set BRIEFMAP_MAX_MEMORY_MB to raise it)");
  }
};

// Why features of a layer were left out, for the warning and for the error when none is left.
struct Unusable {
  size_t seen = 0;
  size_t withoutGeometry = 0;
  size_t notTransformed = 0;
  size_t impossible = 0;
  size_t tooLarge = 0;
  size_t tooLargeLimit = 0;
  LonLat example{};

  void add(const Unusable& o) {
    if (!impossible && o.impossible) example = o.example;
    seen += o.seen;
    withoutGeometry += o.withoutGeometry;
    notTransformed += o.notTransformed;
    impossible += o.impossible;
    tooLarge += o.tooLarge;
    tooLargeLimit = std::max(tooLargeLimit, o.tooLargeLimit);
  }
  std::string describe() const {
    std::vector<std::string> parts;
    if (withoutGeometry) parts.push_back(withThousands(withoutGeometry) + " without usable geometry");
    if (notTransformed) parts.push_back(withThousands(notTransformed) + " that could not be transformed to WGS84");
    if (impossible) {
      parts.push_back(withThousands(impossible) + " with coordinates that are not longitude/latitude (e.g. " +
                      formatCoordinate(example.lon) + ", " + formatCoordinate(example.lat) + ")");
    }
    if (tooLarge) {
      parts.push_back(withThousands(tooLarge) + " with more than " + withThousands(tooLargeLimit) +
                      " vertices, the limit for one feature (set BRIEFMAP_MAX_FEATURE_VERTICES to raise it)");
    }
    std::string text;
    for (size_t i = 0; i < parts.size(); ++i) text += (i ? ", " : "") + parts[i];
    return text;
  }
};

nlohmann::json fieldValue(OGRFeature& feature, int i) {
  const OGRFieldDefn* defn = feature.GetFieldDefnRef(i);
  switch (defn->GetType()) {
    case OFTInteger:
      if (defn->GetSubType() == OFSTBoolean) return feature.GetFieldAsInteger(i) != 0;
      return feature.GetFieldAsInteger64(i);
    case OFTInteger64: return feature.GetFieldAsInteger64(i);
    case OFTReal: return feature.GetFieldAsDouble(i);
    default: {
      // GeoJSON objects and arrays (e.g. provenance `sources`) arrive as JSON text: keep their structure.
      const char* text = feature.GetFieldAsString(i);
      if (defn->GetSubType() == OFSTJSON) {
        auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
        return parsed.is_discarded() ? nlohmann::json(text) : parsed;
      }
      return text;
    }
  }
}

// Hands a layer's kept features to ReadOptions::batches in runs, by count or by time, whichever comes first.
class BatchHandOver {
 public:
  BatchHandOver(const ReadOptions* options, const Layer& layer, size_t layerIndex)
      : m_hook(options && options->batches ? &options->batches : nullptr),
        m_options(options),
        m_layer(layer),
        m_layerIndex(layerIndex),
        m_last(std::chrono::steady_clock::now()) {}
  void featureKept() {
    if (!m_hook) return;
    const size_t pending = m_layer.features.size() - m_first;
    if (pending >= std::max<size_t>(1, m_options->batchFeatures)) return handOver();
    // The clock every 64 features: a batch of slow features still comes out about on time.
    if ((pending & 63) == 0 &&
        std::chrono::steady_clock::now() - m_last >= std::chrono::duration<double>(m_options->batchSeconds))
      handOver();
  }
  void finish() {
    if (m_hook && m_layer.features.size() > m_first) handOver();
  }

 private:
  void handOver() {
    const size_t first = m_first;
    m_first = m_layer.features.size();
    (*m_hook)(ReadBatch{m_layer, m_layerIndex, first});
    m_last = std::chrono::steady_clock::now();
  }
  const ReadBatchHook* m_hook;
  const ReadOptions* m_options;
  const Layer& m_layer;
  size_t m_layerIndex;
  size_t m_first = 0;
  std::chrono::steady_clock::time_point m_last;
};

Layer readLayer(const std::filesystem::path& path, OGRLayer& ogrLayer, ReadReport* report, bool keepWithoutGeometry,
                ReadBudget& budget, const OGRSpatialReference* srcCrs, Unusable* unusable, size_t layerIndex = 0,
                size_t layerCount = 1) {
  Layer layer;
  layer.name = ogrLayer.GetName();
  layer.source = path;
  layer.id = "file:" + path.filename().string() + "/" + layer.name;

  const std::string where = path.string() + " (layer '" + layer.name + "')";
  std::unique_ptr<OGRCoordinateTransformation> toWgs84;
  if (const OGRSpatialReference* srs = srcCrs ? srcCrs : ogrLayer.GetSpatialRef()) {
    OGRSpatialReference source(*srs);
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (!source.IsSame(&wgs84())) {
      toWgs84.reset(OGRCreateCoordinateTransformation(&source, &wgs84()));
      if (!toWgs84) throw DataError(where + ": its CRS cannot be transformed to WGS84");
    }
  } else if (ogrLayer.GetGeomType() != wkbNone) {
    OGREnvelope env;
    if (ogrLayer.GetExtent(&env, TRUE) == OGRERR_NONE &&
        (env.MinX < -180.5 || env.MaxX > 360.5 || env.MinY < -90.5 || env.MaxY > 90.5)) {
      throw DataError(where + ": has no CRS and its coordinates are not longitude/latitude (name it with --src-crs)");
    }
    if (report) report->warnings.push_back(where + ": no CRS given; read as WGS84 longitude/latitude");
  }

  // Where the driver knows its count cheaply (GeoPackage, Shapefile, FlatGeobuf), refuse before reading.
  const GIntBig known = ogrLayer.GetFeatureCount(/*bForce=*/FALSE);
  if (known > 0 && budget.features + static_cast<size_t>(known) > budget.limits.maxFeatures) {
    throw DataError(path.string() + ": has " + withThousands(budget.features + static_cast<size_t>(known)) +
                    " features, more than the limit of " + withThousands(budget.limits.maxFeatures) +
                    " (set BRIEFMAP_MAX_FEATURES to raise it)");
  }

  // Fields past the limit are not even filled in by the driver; only fields with a value are stored (a GeoJSON
  // with 20,000 property names would otherwise hold 20,000 nulls in every feature).
  OGRFeatureDefn* defn = ogrLayer.GetLayerDefn();
  const int fieldCount = defn->GetFieldCount();
  const int withinLimit = static_cast<int>(std::min<size_t>(static_cast<size_t>(fieldCount), budget.limits.maxFields));
  const int kept = budget.attributes ? withinLimit : 0;
  if (kept < fieldCount || !budget.attributes) {
    std::vector<const char*> ignored;
    for (int i = kept; i < fieldCount; ++i) ignored.push_back(defn->GetFieldDefn(i)->GetNameRef());
    if (!budget.attributes) ignored.push_back("OGR_STYLE");
    ignored.push_back(nullptr);
    ogrLayer.SetIgnoredFields(ignored.data());
    if (report && withinLimit < fieldCount) {  // said even without attributes: the file is past the limit
      report->warnings.push_back(where + ": only the first " + withThousands(static_cast<size_t>(withinLimit)) + " of its " +
                                 withThousands(static_cast<size_t>(fieldCount)) +
                                 " fields kept, the limit (set BRIEFMAP_MAX_FIELDS to raise it)");
    }
  }

  // The memory the layer will take, before any of it is taken (the running check in addVertices covers the rest).
  if (known > 0) budget.checkEstimate(static_cast<size_t>(known), static_cast<size_t>(kept));
  if (budget.progress) budget.progress->startLayer(layerIndex, layerCount, known);

  Unusable left;
  left.tooLargeLimit = budget.limits.maxFeatureVertices;
  if (known > 0) layer.features.reserve(static_cast<size_t>(known));  // within the feature limit, checked above
  BatchHandOver batches(budget.options, layer, layerIndex);
  ogrLayer.ResetReading();
  for (auto& feature : ogrLayer) {
    budget.addFeature(static_cast<size_t>(kept));
    ++left.seen;
    OGRGeometry* geom = feature->GetGeometryRef();
    if ((!geom || geom->IsEmpty()) && !keepWithoutGeometry) {
      ++left.withoutGeometry;
      continue;
    }
    const size_t vertices = countVertices(geom);
    if (vertices > budget.limits.maxFeatureVertices) {
      ++left.tooLarge;
      continue;
    }
    budget.addVertices(vertices);
    if (geom && toWgs84 && geom->transform(toWgs84.get()) != OGRERR_NONE) {
      ++left.notTransformed;
      continue;
    }
    Feature out;
    if (geom) appendOgrGeometry(geom, out.geometry);
    if (out.geometry.empty() && !keepWithoutGeometry) {
      ++left.withoutGeometry;
      continue;
    }
    if (const LonLat* bad = firstImpossibleVertex(out.geometry)) {
      if (!left.impossible) left.example = *bad;
      ++left.impossible;
      continue;
    }
    for (int i = 0; i < kept; ++i) {
      if (feature->IsFieldSetAndNotNull(i)) out.properties[feature->GetFieldDefnRef(i)->GetNameRef()] = fieldValue(*feature, i);
    }
    layer.features.push_back(std::move(out));
    batches.featureKept();
    budget.rowArrived();  // the time the batch hook took is not the query's
  }
  batches.finish();
  const size_t dropped = left.withoutGeometry + left.notTransformed + left.impossible + left.tooLarge;
  if (report && dropped && !layer.features.empty()) {
    report->warnings.push_back(where + ": " + withThousands(dropped) + " feature(s) skipped: " + left.describe());
  }
  if (unusable) unusable->add(left);
  return layer;
}

}  // namespace

ReadLimits ReadLimits::fromEnvironment() {
  ReadLimits limits;
  auto positive = [](const char* name) -> double {
    const char* text = std::getenv(name);
    if (!text || !*text) return 0;
    char* end = nullptr;
    const double v = std::strtod(text, &end);
    return end && *end == '\0' && std::isfinite(v) && v > 0 ? v : 0;
  };
  if (double v = positive("BRIEFMAP_MAX_FILE_MB")) limits.maxFileBytes = static_cast<std::uintmax_t>(v * 1048576.0);
  if (double v = positive("BRIEFMAP_MAX_MEMORY_MB")) {
    limits.maxMemoryBytes = static_cast<std::uintmax_t>(v * 1048576.0);
    limits.maxFeatures = featuresFor(limits.maxMemoryBytes);
    limits.maxVertices = verticesFor(limits.maxMemoryBytes);
  }
  if (double v = positive("BRIEFMAP_MAX_FEATURES")) limits.maxFeatures = static_cast<size_t>(v);
  if (double v = positive("BRIEFMAP_MAX_VERTICES")) limits.maxVertices = static_cast<size_t>(v);
  if (double v = positive("BRIEFMAP_MAX_FEATURE_VERTICES")) limits.maxFeatureVertices = static_cast<size_t>(v);
  if (double v = positive("BRIEFMAP_MAX_FIELDS")) limits.maxFields = static_cast<size_t>(v);
  if (double v = positive("BRIEFMAP_MAX_SQL_SECONDS")) limits.maxSqlSeconds = v;
  return limits;
}

std::uintmax_t ReadLimits::defaultMaxMemoryBytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), pageSize = ::sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || pageSize <= 0) return std::uintmax_t{2} << 30;
  return static_cast<std::uintmax_t>(pages) * static_cast<std::uintmax_t>(pageSize) / 4;
}

std::size_t ReadLimits::featuresFor(std::uintmax_t memoryBytes) {
  return static_cast<std::size_t>(std::max<std::uintmax_t>(1'000'000, memoryBytes / 2048));
}

std::size_t ReadLimits::verticesFor(std::uintmax_t memoryBytes) {
  return static_cast<std::size_t>(std::max<std::uintmax_t>(10'000'000, memoryBytes / 384));
}

std::uintmax_t estimateLayerBytes(std::uintmax_t fileBytes, std::size_t features, std::size_t fieldsPerFeature) {
  return fileBytes + static_cast<std::uintmax_t>(features) * (kFeatureBytes + fieldsPerFeature * kFieldBytes);
}

const std::vector<std::string>& allowedVectorDrivers() {
  static const std::vector<std::string> kDrivers = {
      "GeoJSON", "GeoJSONSeq",  "GPKG", "SQLite",  "ESRI Shapefile", "KML",    "LIBKML",   "FlatGeobuf", "GML",
      "GPX",     "CSV",         "TopoJSON", "MapInfo File", "DXF", "OGR_GMT", "JML", "GeoRSS", "ESRIJSON", "OSM"};
  return kDrivers;
}

void configureGdalOffline() {
  static std::once_flag once;
  std::call_once(once, [] {
    // No sidecar files written or looked for beside the user's inputs.
    CPLSetConfigOption("GDAL_PAM_ENABLED", "NO");
    CPLSetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
    CPLSetConfigOption("SHAPE_RESTORE_SHX", "NO");
    // Temporary files (the OSM driver's node index and database) go to the system's temporary folder: GDAL's
    // default is the current folder, which may be the user's data folder.
    if (!CPLGetConfigOption("CPL_TMPDIR", nullptr)) {
      std::error_code ec;
      const fs::path tmp = fs::temp_directory_path(ec);
      CPLSetConfigOption("CPL_TMPDIR", ec ? "/tmp" : tmp.string().c_str());
    }
    // No network: GML schema downloads, xlink resolution, PROJ grids, and every HTTP fetch GDAL makes.
    CPLSetConfigOption("GML_DOWNLOAD_SCHEMA", "NO");
    CPLSetConfigOption("GML_SKIP_RESOLVE_ELEMS", "ALL");
    CPLSetConfigOption("GDAL_HTTP_TIMEOUT", "1");
    CPLSetConfigOption("PROJ_NETWORK", "OFF");
    CPLSetConfigOption("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", "{noext}-none-");
    CPLSetConfigOption("OGR_GEOJSON_MAX_OBJ_SIZE", "0");  // a user's big GeoJSON objects are fine (size is limited)
    OSRSetPROJEnableNetwork(FALSE);
    CPLHTTPSetFetchCallback(&refuseNetwork, nullptr);
    GDALAllRegister();
  });
}

int blockedNetworkRequests() { return g_blockedRequests.load(); }

std::vector<Layer> readVectorFile(const std::filesystem::path& path, ReadReport* report, bool keepWithoutGeometry,
                                  const ReadOptions& options) {
  configureGdalOffline();
  const std::string name = path.string();
  if (isRemoteOrVirtual(name)) throw DataError(name + ": only local files can be opened (briefmap works offline)");
  requireRegularFiles(path, options.limits);

  std::unique_ptr<OGRSpatialReference> srcCrs;
  if (!options.srcCrs.empty()) {
    srcCrs = std::make_unique<OGRSpatialReference>();
    const char* const limitations[] = {"ALLOW_NETWORK_ACCESS=NO", "ALLOW_FILE_ACCESS=NO", nullptr};
    if (srcCrs->SetFromUserInput(options.srcCrs.c_str(), limitations) != OGRERR_NONE) {
      throw DataError(name + ": the CRS given for it ('" + options.srcCrs + "') is not one PROJ knows");
    }
  }

  // The file's bytes are the first cost (GDAL parses a GeoJSON whole while opening it).
  ReadBudget budget{options.limits, name, fs::file_size(path)};
  budget.attributes = options.attributes;
  budget.options = &options;
  if (budget.fileBytes > options.limits.maxMemoryBytes) budget.checkEstimate(0, 0);
  ProgressReporter progress(options.progress, path);
  if (progress.wanted()) budget.progress = &progress;
  progress.opening();

  // Declared before the dataset so that it outlives it (SQLite keeps a pointer to it).
  SqlDeadline deadline;
  deadline.seconds = options.limits.maxSqlSeconds;
  std::unique_ptr<ReadOnlyView> view;
  const bool sqlite = isSqliteFile(path);
  if (sqlite) {
    view = std::make_unique<ReadOnlyView>(path);
    std::error_code ec;
    const fs::path wal = path.string() + "-wal";
    if (report && fs::is_regular_file(wal, ec) && fs::file_size(wal, ec) > 0) {
      report->warnings.push_back(name + ": " + wal.filename().string() +
                                 " beside it was not read: changes not yet merged into the file are not shown");
    }
  }
  DatasetPtr ds = [&] {
    GeoJsonFirstPass firstPass(path, options, sqlite);
    return openWithAllowedDrivers(view ? view->name() : name, name, options, sqlite);
  }();
  auto* db = static_cast<sqlite3*>(ds->GetInternalHandle("SQLITE_HANDLE"));
  if (db) {
    sqlite3_progress_handler(db, 10000, &SqlDeadline::onProgress, &deadline);
    budget.deadline = &deadline;
  }
  const std::string driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
  // GDAL opens a .shp without its .dbf in silence: the features come without a name or value to inspect.
  if (report && driver == "ESRI Shapefile" && !hasCompanion(path, ".dbf"))
    report->warnings.push_back(name + ": no " + path.stem().string() +
                               ".dbf beside it: its features are drawn without their attributes (names, values)");

  std::vector<Layer> layers;
  Unusable unusable;
  ErrorCapture errors;
  size_t layersSeen = 0;
  bool noGeometryColumn = true;
  for (auto* ogrLayer : ds->GetLayers()) {
    // From here on: even the layer's definition runs its SQL (GDAL reads a view's first rows for it).
    deadline.hit = false;
    deadline.restart();
    errors.clear();
    ++layersSeen;
    const std::string where = name + " (layer '" + ogrLayer->GetName() + "')";
    if (ogrLayer->GetGeomType() != wkbNone) noGeometryColumn = false;
    Layer layer = readLayer(path, *ogrLayer, report, keepWithoutGeometry, budget, srcCrs.get(), &unusable,
                            layersSeen - 1, static_cast<size_t>(std::max(1, ds->GetLayerCount())));
    deadline.until = std::chrono::steady_clock::time_point::max();
    if (deadline.hit) {
      if (report) {
        report->warnings.push_back(where + ": skipped: its SQL ran longer than " +
                                   formatCoordinate(options.limits.maxSqlSeconds) +
                                   " s without giving a feature, the limit (a slow or endless SQL view?; set "
                                   "BRIEFMAP_MAX_SQL_SECONDS to raise it)");
      }
      continue;
    }
    if (layer.features.empty() && !errors.lastError().empty()) {
      if (report) report->warnings.push_back(where + ": skipped: " + errors.lastError());
      continue;
    }
    if (report) errors.messages().flush(where + ": ", report->warnings);
    layers.push_back(std::move(layer));
  }
  if (db) sqlite3_progress_handler(db, 0, nullptr, nullptr);
  progress.finished();
  if (keepWithoutGeometry) return layers;
  if (layersSeen == 0) throw DataError(name + ": contains no vector layers");
  size_t features = 0;
  for (const auto& l : layers) features += l.features.size();
  if (features > 0) {
    // A GPX file has five layers, most often four of them empty: they would only crowd the layer list.
    layers.erase(std::remove_if(layers.begin(), layers.end(), [](const Layer& l) { return l.features.empty(); }),
                 layers.end());
    return layers;
  }
  if (layers.empty()) throw DataError(name + ": none of its layers could be read (see the warnings)");
  if (unusable.seen == 0) {
    // An empty FeatureCollection is a valid file: an empty layer, and a word about it.
    if (report) report->warnings.push_back(name + ": holds no features (opened as an empty layer)");
    return layers;
  }
  std::string why = unusable.describe();
  if (driver == "CSV" && noGeometryColumn) {
    why = "no coordinate columns found (name them with --x-field and --y-field, or give a WKT column)";
  }
  throw DataError(name + ": none of its " + withThousands(unusable.seen) + " features can be drawn: " + why);
}

Layer readVectorLayer(const std::filesystem::path& path, const std::string& layerName, const geo::LonLatBox* within) {
  return std::move(readVectorLayers(path, {layerName}, within, nullptr).front());
}

std::vector<Layer> readVectorLayers(const std::filesystem::path& path, const std::vector<std::string>& layerNames,
                                    const geo::LonLatBox* within, std::vector<geo::LonLatBox>* extents) {
  DatasetPtr ds = openReadOnly(path);
  ReadLimits unlimited;  // our own bundled data
  unlimited.maxFeatures = unlimited.maxVertices = unlimited.maxFeatureVertices = unlimited.maxFields = ~size_t{0};
  unlimited.maxMemoryBytes = ~std::uintmax_t{0};
  ReadBudget budget{unlimited, path.string()};
  std::vector<Layer> layers;
  for (const auto& name : layerNames) {
    OGRLayer* ogrLayer = ds->GetLayerByName(name.c_str());
    if (!ogrLayer) throw DataError(path.string() + ": has no layer named '" + name + "'");
    if (extents) {
      OGREnvelope env;
      geo::LonLatBox box;
      if (ogrLayer->GetExtent(&env, /*bForce=*/FALSE) == OGRERR_NONE) {
        box.add(env.MinX, env.MinY);
        box.add(env.MaxX, env.MaxY);
      }
      extents->push_back(box);
    }
    if (within && !within->empty()) ogrLayer->SetSpatialFilterRect(within->minX, within->minY, within->maxX, within->maxY);
    layers.push_back(readLayer(path, *ogrLayer, nullptr, false, budget, nullptr, nullptr));
  }
  return layers;
}

}  // namespace briefmap::data
