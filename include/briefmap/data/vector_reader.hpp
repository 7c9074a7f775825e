#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "briefmap/data/layer.hpp"

namespace briefmap::data {

/// A file the user asked for cannot be used; what() names the file and says what is wrong.
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The read was stopped by its progress hook (the user's Cancel or Ctrl+C); what() is "<file>: cancelled".
/// Nothing of the file is returned. A DataError, so that a caller that does not tell them apart still names the file.
class ReadCancelled : public DataError {
 public:
  using DataError::DataError;
};

/// How far a read has come, for a progress bar and its Cancel button.
struct ReadProgress {
  std::filesystem::path file;
  bool opening = false;                 ///< GDAL is opening the file (it parses a GeoJSON whole here; no finer news)
  std::size_t featuresRead = 0;         ///< of the whole file so far
  std::size_t layer = 0;                ///< the layer being read, 0-based
  std::size_t layerCount = 0;           ///< the file's layers (0 while opening)
  std::size_t layerFeaturesRead = 0;    ///< of the current layer
  std::size_t layerFeaturesTotal = 0;   ///< of the current layer as the driver knows it without reading (0 = unknown)
  /// 0..1, each layer an equal share (so the bar never goes back); negative when unknown (opening, or a driver that
  /// does not know its count cheaply: show the features read instead)
  double fraction() const {
    if (opening || layerCount == 0 || layerFeaturesTotal == 0) return -1.0;
    const double inLayer = layerFeaturesRead >= layerFeaturesTotal
                               ? 1.0
                               : static_cast<double>(layerFeaturesRead) / static_cast<double>(layerFeaturesTotal);
    return (static_cast<double>(layer) + inLayer) / static_cast<double>(layerCount);
  }
};

/// Called on the reading thread before the file is opened, before each layer, at most every 50 ms while
/// features are read (the clock is looked at every 256 features), and once at the end; returning false stops the read with ReadCancelled.
using ReadProgressHook = std::function<bool(const ReadProgress&)>;

/// Features just read, handed over while the read goes on (ReadOptions::batches): valid only during the call.
struct ReadBatch {
  const Layer& layer;          ///< the layer being read (id, name, source) with its features so far
  std::size_t layerIndex = 0;  ///< its place among the file's layers, 0-based
  std::size_t first = 0;       ///< the batch is layer.features[first, end)
  std::span<const Feature> features() const { return std::span<const Feature>(layer.features).subspan(first); }
};

/// Called on the reading thread with each run of features kept (ReadOptions::batchFeatures or batchSeconds, whichever
/// comes first; the rest of a layer at its end), so a caller can show a file while it is read. Every kept feature is
/// handed over exactly once, in order. It may throw (ReadCancelled) to stop the read.
using ReadBatchHook = std::function<void(const ReadBatch&)>;

/// Configures GDAL once per process so that no input can make it touch the network or write
/// beside the user's files (remote schemas, external entities, /vsicurl/, CRS by URL, sidecars).
/// Safe to call many times and from any thread.
void configureGdalOffline();

/// What a read produced besides the layers: things the user should know but that did not stop it.
struct ReadReport {
  std::vector<std::string> warnings;  ///< each names the file, e.g. "x.geojson (layer 'x'): 3 features without geometry skipped"
};

/// What one input file may cost. Past a limit of the whole file the read stops with a DataError naming the file and
/// the limit; past a limit of one feature, layer or query that part is left out with a warning naming them.
/// Defaults suit a laptop; each is raised (or lowered) by the environment variable named beside it.
struct ReadLimits {
  std::uintmax_t maxFileBytes = std::uintmax_t{1} << 30;  ///< size of the named file; BRIEFMAP_MAX_FILE_MB (MiB)
  /// Features of the whole file: 1,000,000, or one per 2 KiB of the memory budget where that is more (a big machine
  /// opens the 10-million-vertex benchmark file's 2.2 million features); BRIEFMAP_MAX_FEATURES
  std::size_t maxFeatures = featuresFor(defaultMaxMemoryBytes());
  /// Vertices of the whole file: 10,000,000, or one per 384 bytes of the memory budget where that is more (the window
  /// took about 340 bytes a vertex for the benchmark files: features, prepared band, llvmpipe's copy); BRIEFMAP_MAX_VERTICES
  std::size_t maxVertices = verticesFor(defaultMaxMemoryBytes());
  /// Vertices of one feature; a larger one is skipped with a warning (tessellating one polygon grows faster than its
  /// size: 250,000 vertices take 4 s, a million 35 s); BRIEFMAP_MAX_FEATURE_VERTICES
  std::size_t maxFeatureVertices = 500'000;
  std::size_t maxFields = 1'000;  ///< attribute fields kept per layer (the rest are dropped, with a warning); BRIEFMAP_MAX_FIELDS
  double maxSqlSeconds = 10;      ///< GeoPackage/SQLite: SQL running this long without a feature skips its layer (warning); BRIEFMAP_MAX_SQL_SECONDS
  /// Memory the layers of one file are estimated to take (estimateLayerBytes), checked before the features are read
  /// where the driver knows their count, else as they are read; default a quarter of physical memory (the window also
  /// keeps a prepared scene per detail band of each layer); BRIEFMAP_MAX_MEMORY_MB (MiB)
  std::uintmax_t maxMemoryBytes = defaultMaxMemoryBytes();

  /// The defaults above, each replaced by its environment variable when that holds a positive number.
  static ReadLimits fromEnvironment();
  /// A quarter of physical memory (sysconf), or 2 GiB where that is not known.
  static std::uintmax_t defaultMaxMemoryBytes();
  /// The default feature and vertex limits for a memory budget (BRIEFMAP_MAX_MEMORY_MB moves them too).
  static std::size_t featuresFor(std::uintmax_t memoryBytes);
  static std::size_t verticesFor(std::uintmax_t memoryBytes);
};

/// Bytes the layers read from a file are estimated to take: the file's size for the geometry (a vertex takes 16 bytes
/// in memory, about what it takes in a binary file and less than its text), plus per feature its container and per
/// kept field a JSON property (name and value). An upper-side estimate, cheap, made before anything is read.
std::uintmax_t estimateLayerBytes(std::uintmax_t fileBytes, std::size_t features, std::size_t fieldsPerFeature);

/// How to read the files named on one command line (or opened together).
struct ReadOptions {
  std::string srcCrs;  ///< CRS of the coordinates (any PROJ/GDAL definition); overrides what the file says; empty = the file's
  std::string xField;  ///< CSV: column of x/longitude (empty = detected by name: x, lon, long, lng, longitude, easting)
  std::string yField;  ///< CSV: column of y/latitude (empty = detected by name: y, lat, latitude, northing)
  ReadLimits limits = ReadLimits::fromEnvironment();
  ReadProgressHook progress;  ///< empty: no progress, no cancelling
  /// false: geometry only, no field read (an image export draws no attribute; GDAL then leaves them unparsed,
  /// a third of a GeoPackage's read)
  bool attributes = true;
  ReadBatchHook batches;         ///< empty: the layers only at the end
  std::size_t batchFeatures = 4096;  ///< a batch holds at most this many features
  double batchSeconds = 0.3;         ///< … and is handed over once this long has passed since the last (if not empty)
};

/// Reads every vector layer of a regular file with one of the allowed drivers (allowedVectorDrivers()) and
/// transforms it to WGS84 lon/lat. A layer without a CRS is taken to be WGS84 when its extent fits lon/lat, and
/// reported. Nothing beside the file is created, changed or deleted (a GeoPackage or SQLite file is read through a
/// read-only view without neighbours, so its -wal/-shm stay as they were and are not read). Throws DataError naming the file on
/// anything unreadable (missing, not a regular file, empty, not geodata, broken, past a limit, no usable feature).
/// A file with no features at all (an empty FeatureCollection) gives empty layers and a warning.
/// With keepWithoutGeometry, features with no geometry are kept (attribute-only records such as a country's
/// stance) and an empty file is not an error. Only fields with a value are stored in a feature's properties.
/// Any thread; several files may be read at once (GDAL's messages are captured per thread).
std::vector<Layer> readVectorFile(const std::filesystem::path& path, ReadReport* report = nullptr,
                                  bool keepWithoutGeometry = false, const ReadOptions& options = {});

/// Reads one named layer of a file (used for the bundled basemap); with `within`, only the features whose
/// extent meets that lon/lat box (the driver's spatial index does the work). Throws DataError.
Layer readVectorLayer(const std::filesystem::path& path, const std::string& layerName,
                      const geo::LonLatBox* within = nullptr);

/// Reads several named layers of one file, opening it once (each GeoPackage open runs a dozen SQL queries).
/// Same rules as readVectorLayer; the result is in the order of `layerNames`. With `extents`, also each
/// layer's recorded extent (a GeoPackage keeps it in gpkg_contents: no feature is read for it).
std::vector<Layer> readVectorLayers(const std::filesystem::path& path, const std::vector<std::string>& layerNames,
                                    const geo::LonLatBox* within = nullptr,
                                    std::vector<geo::LonLatBox>* extents = nullptr);

/// How many network requests GDAL attempted and briefmap refused (for the offline test).
int blockedNetworkRequests();

/// The names of the drivers that readVectorFile allows.
const std::vector<std::string>& allowedVectorDrivers();

}  // namespace briefmap::data
