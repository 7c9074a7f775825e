#include "briefmap/data/raster_writer.hpp"

#include <gdal_priv.h>

#include <cstdio>
#include <memory>
#include <vector>

#include "briefmap/data/atomic_file.hpp"
#include "briefmap/data/gdal_output.hpp"
#include "briefmap/data/vector_reader.hpp"

namespace briefmap::data {
namespace {
struct DatasetCloser {
  void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
}  // namespace

void writeGeoTiff(const std::filesystem::path& path, const std::uint8_t* rgba, int width, int height, bool flipRows,
                  const GeoTransform& transform, const std::string& crsWkt) {
  configureGdalOffline();
  if (width <= 0 || height <= 0) throw WriteError("cannot write " + path.string() + ": the image is empty");
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
  if (!driver) throw WriteError("cannot write " + path.string() + ": GDAL has no GTiff driver");

  const char* options[] = {"COMPRESS=DEFLATE", "PREDICTOR=2", "TILED=YES", "PHOTOMETRIC=RGB", nullptr};
  // GDAL makes the GeoTIFF in memory; its bytes reach the file through AtomicFile, every write checked.
  writeThroughGdalMemory(path, ".tif", [&](const std::string& memoryPath) {
    std::unique_ptr<GDALDataset, DatasetCloser> ds(
        driver->Create(memoryPath.c_str(), width, height, 3, GDT_Byte, const_cast<char**>(options)));
    if (!ds) throw WriteError("cannot write " + path.string() + ": " + CPLGetLastErrorMsg());
    double gt[6];
    std::copy(transform.begin(), transform.end(), gt);
    OGRSpatialReference srs;
    bool ok = ds->SetGeoTransform(gt) == CE_None && srs.importFromWkt(crsWkt.c_str()) == OGRERR_NONE &&
              ds->SetSpatialRef(&srs) == CE_None;
    // Bands straight from the RGBA buffer: pixel stride 4, line stride width*4 (negative to flip rows).
    const GSpacing line = static_cast<GSpacing>(width) * 4;
    const std::uint8_t* first = flipRows ? rgba + static_cast<size_t>(height - 1) * line : rgba;
    int bands[] = {1, 2, 3};
    ok = ok && ds->RasterIO(GF_Write, 0, 0, width, height, const_cast<std::uint8_t*>(first), width, height, GDT_Byte, 3,
                            bands, 4, flipRows ? -line : line, 1, nullptr) == CE_None;
    ds->GetRasterBand(1)->SetColorInterpretation(GCI_RedBand);
    if (!ok) throw WriteError("cannot write " + path.string() + ": " + CPLGetLastErrorMsg());
  });
}

void writeWorldFile(const std::filesystem::path& path, const GeoTransform& t) {
  char text[256];
  // A world file names the centre of the top-left pixel, not its corner.
  std::snprintf(text, sizeof text, "%.10f\n%.10f\n%.10f\n%.10f\n%.10f\n%.10f\n", t[1], t[4], t[2], t[5],
                t[0] + t[1] / 2 + t[2] / 2, t[3] + t[4] / 2 + t[5] / 2);
  writeFileAtomically(path, text);
}

}  // namespace briefmap::data
