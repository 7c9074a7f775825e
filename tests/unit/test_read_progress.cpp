// Reads that report progress, can be cancelled, and are refused by their estimated memory before it is taken.
#include <gtest/gtest.h>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "briefmap/data/vector_reader.hpp"
#include "briefmap/data/vector_writer.hpp"

using namespace briefmap::data;
namespace fs = std::filesystem;

namespace {

fs::path testDir() {
  const auto dir = fs::temp_directory_path() / ("briefmap-progress-" + std::to_string(::getpid()) + "-" +
                                                ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::create_directories(dir);
  return dir;
}

// A GeoPackage of `count` points with five fields: its driver knows the count before reading.
fs::path writePoints(const fs::path& file, int count) {
  Layer layer;
  layer.name = "points";
  for (int i = 0; i < count; ++i) {
    Feature f;
    f.geometry.points.push_back({30.0 + (i % 100) * 0.01, 50.0 + (i / 100) * 0.01});
    f.properties = {{"name", "p" + std::to_string(i)}, {"a", i}, {"b", i * 2}, {"c", "x"}, {"d", 0.5}};
    layer.features.push_back(std::move(f));
  }
  writeVectorFile(file, {OutputLayer{&layer, "points"}});
  return file;
}

struct Recorder {
  std::vector<ReadProgress> calls;
  ReadProgressHook hook() {
    return [this](const ReadProgress& p) {
      calls.push_back(p);
      return true;
    };
  }
  size_t maxFeaturesRead() const {
    size_t n = 0;
    for (const auto& c : calls) n = std::max(n, c.featuresRead);
    return n;
  }
};

class ReadProgressTest : public ::testing::Test {
 protected:
  void TearDown() override { fs::remove_all(m_dir); }
  fs::path m_dir = testDir();
};

TEST_F(ReadProgressTest, ReportsTheOpeningThenTheFeaturesUpToTheKnownTotal) {
  const auto file = writePoints(m_dir / "points.gpkg", 2000);
  Recorder recorder;
  ReadOptions options;
  options.progress = recorder.hook();
  const auto layers = readVectorFile(file, nullptr, false, options);
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_GE(recorder.calls.size(), 3u);  // opening, the layer, the end
  EXPECT_TRUE(recorder.calls.front().opening);
  EXPECT_LT(recorder.calls.front().fraction(), 0.0) << "nothing is known while GDAL opens the file";
  EXPECT_EQ(recorder.calls.front().file, file);
  const ReadProgress& last = recorder.calls.back();
  EXPECT_FALSE(last.opening);
  EXPECT_EQ(last.featuresRead, 2000u);
  EXPECT_EQ(last.layerFeaturesTotal, 2000u);
  EXPECT_DOUBLE_EQ(last.fraction(), 1.0);
  for (size_t i = 1; i < recorder.calls.size(); ++i)
    EXPECT_GE(recorder.calls[i].featuresRead, recorder.calls[i - 1].featuresRead) << "progress went back";
}

TEST_F(ReadProgressTest, TheShareOfAFileOfSeveralLayersNeverGoesBack) {
  // Two layers of 3,000 and 300 features: the bar must not fall back to 0 % when the second one starts.
  Layer big, small;
  for (int i = 0; i < 3300; ++i) {
    Feature f;
    f.geometry.points.push_back({30.0 + (i % 100) * 0.01, 50.0 + (i / 100) * 0.01});
    (i < 3000 ? big : small).features.push_back(std::move(f));
  }
  const auto file = m_dir / "two.gpkg";
  writeVectorFile(file, {OutputLayer{&big, "big"}, OutputLayer{&small, "small"}});
  Recorder recorder;
  ReadOptions options;
  options.progress = recorder.hook();
  ASSERT_EQ(readVectorFile(file, nullptr, false, options).size(), 2u);
  double previous = 0;
  bool sawSecondLayer = false;
  for (const auto& c : recorder.calls) {
    if (c.opening) continue;
    EXPECT_EQ(c.layerCount, 2u);
    EXPECT_GE(c.fraction(), previous) << "went back at layer " << c.layer << ", " << c.layerFeaturesRead;
    previous = c.fraction();
    sawSecondLayer = sawSecondLayer || (c.layer == 1 && c.fraction() == 0.5);
  }
  EXPECT_TRUE(sawSecondLayer) << "the second layer starts at half the bar";
  EXPECT_DOUBLE_EQ(previous, 1.0);
}

TEST_F(ReadProgressTest, AHookReturningFalseCancelsWithAReadCancelledNamingTheFile) {
  const auto file = writePoints(m_dir / "points.gpkg", 500);
  for (const bool atOpening : {true, false}) {
    ReadOptions options;
    size_t calls = 0;
    options.progress = [&](const ReadProgress& p) {
      ++calls;
      return atOpening ? !p.opening : p.opening;  // cancel at the opening, or at the first call after it
    };
    try {
      readVectorFile(file, nullptr, false, options);
      FAIL() << "not cancelled";
    } catch (const ReadCancelled& e) {
      EXPECT_EQ(std::string(e.what()), file.string() + ": cancelled");
    }
    EXPECT_EQ(calls, atOpening ? 1u : 2u) << "the hook was called after it cancelled";
  }
}

TEST_F(ReadProgressTest, TheMemoryEstimateRefusesAFileBeforeAnyFeatureIsRead) {
  const auto file = writePoints(m_dir / "points.gpkg", 2000);
  const auto estimate = estimateLayerBytes(fs::file_size(file), 2000, 5);
  ASSERT_GT(estimate, fs::file_size(file) + 2000u * 5u * 16u) << "the features' own cost is counted";
  Recorder recorder;
  ReadOptions options;
  options.progress = recorder.hook();
  options.limits.maxMemoryBytes = estimate - 1;
  try {
    readVectorFile(file, nullptr, false, options);
    FAIL() << "not refused";
  } catch (const ReadCancelled&) {
    FAIL() << "refused as cancelled";
  } catch (const DataError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(file.string() + ": would take about ", 0), 0u) << what;
    EXPECT_NE(what.find("2,000 features, 5 fields"), std::string::npos) << what;
    EXPECT_NE(what.find("more than the limit of"), std::string::npos) << what;
    EXPECT_NE(what.find("BRIEFMAP_MAX_MEMORY_MB"), std::string::npos) << what;
  }
  EXPECT_FALSE(recorder.calls.empty()) << "the file was opened";
  EXPECT_EQ(recorder.maxFeaturesRead(), 0u) << "features were read before the estimate was checked";

  // At the estimate the same file is read: the refusal above came from the estimate, not from elsewhere.
  options.limits.maxMemoryBytes = estimate;
  EXPECT_EQ(readVectorFile(file, nullptr, false, options).front().features.size(), 2000u);
}

TEST_F(ReadProgressTest, AFileLargerThanTheMemoryBudgetIsRefusedBeforeItIsOpened) {
  const auto file = writePoints(m_dir / "points.gpkg", 10);
  Recorder recorder;
  ReadOptions options;
  options.progress = recorder.hook();
  options.limits.maxMemoryBytes = fs::file_size(file) / 2;
  try {
    readVectorFile(file, nullptr, false, options);
    FAIL() << "not refused";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("BRIEFMAP_MAX_MEMORY_MB"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(recorder.calls.empty()) << "GDAL was asked to open it";
}

TEST_F(ReadProgressTest, AFileOfUnknownCountIsRefusedAsItsReadFeaturesPassTheBudget) {
  // A GeoJSON sequence: its driver does not count before reading, so the running figure stops it.
  std::string text;
  for (int i = 0; i < 5000; ++i)
    text += R"({"type":"Feature","properties":{"n":)" + std::to_string(i) +
            R"(},"geometry":{"type":"Point","coordinates":[30,50]}})" + "\n";
  const auto file = m_dir / "points.geojsonl";
  std::ofstream(file) << text;
  ReadOptions options;
  options.limits.maxMemoryBytes = text.size() + 1000 * 256;  // past the file's size, short of 5,000 features
  try {
    readVectorFile(file, nullptr, false, options);
    FAIL() << "not refused";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("BRIEFMAP_MAX_MEMORY_MB"), std::string::npos) << e.what();
  }
  options.limits.maxMemoryBytes = ReadLimits{}.maxMemoryBytes;
  EXPECT_EQ(readVectorFile(file, nullptr, false, options).front().features.size(), 5000u);
}

TEST(ReadLimitsMemory, TheBudgetIsAQuarterOfPhysicalMemoryAndItsVariableReplacesIt) {
  const auto physical = static_cast<std::uintmax_t>(::sysconf(_SC_PHYS_PAGES)) * ::sysconf(_SC_PAGE_SIZE);
  EXPECT_EQ(ReadLimits::defaultMaxMemoryBytes(), physical / 4);
  ::setenv("BRIEFMAP_MAX_MEMORY_MB", "3", 1);
  EXPECT_EQ(ReadLimits::fromEnvironment().maxMemoryBytes, 3u << 20);
  ::unsetenv("BRIEFMAP_MAX_MEMORY_MB");
  EXPECT_EQ(ReadLimits::fromEnvironment().maxMemoryBytes, physical / 4);
}

}  // namespace

namespace {

// A GeoPackage of two layers: each layer's kept features handed over in runs of the batch size, the rest at its end.
TEST_F(ReadProgressTest, BatchesHandEveryKeptFeatureOverOnceInOrderInRunsOfTheBatchSize) {
  Layer first, second;
  first.name = "first";
  second.name = "second";
  for (int i = 0; i < 1100; ++i) {
    Feature f;
    f.geometry.points.push_back({30.0 + (i % 100) * 0.01, 50.0 + (i / 100) * 0.01});
    f.properties = {{"n", i}};
    (i < 700 ? first : second).features.push_back(std::move(f));
  }
  const auto file = m_dir / "two.gpkg";
  writeVectorFile(file, {OutputLayer{&first, "first"}, OutputLayer{&second, "second"}});
  struct Seen {
    size_t layerIndex, first, count;
    std::string layer;
    int firstN, lastN;
  };
  std::vector<Seen> seen;
  ReadOptions options;
  options.batchFeatures = 256;
  options.batchSeconds = 1e9;  // by count only
  options.batches = [&](const ReadBatch& b) {
    const auto features = b.features();
    seen.push_back({b.layerIndex, b.first, features.size(), b.layer.name,
                    features.front().properties.at("n").get<int>(), features.back().properties.at("n").get<int>()});
  };
  const auto layers = readVectorFile(file, nullptr, false, options);
  ASSERT_EQ(layers.size(), 2u);
  // 700 = 256 + 256 + 188; 400 = 256 + 144; each batch follows the one before it.
  const std::vector<size_t> counts = {256, 256, 188, 256, 144};
  ASSERT_EQ(seen.size(), counts.size());
  int expectN = 0;
  for (size_t k = 0; k < seen.size(); ++k) {
    EXPECT_EQ(seen[k].count, counts[k]) << "batch " << k;
    EXPECT_EQ(seen[k].layerIndex, k < 3 ? 0u : 1u);
    EXPECT_EQ(seen[k].layer, k < 3 ? "first" : "second");
    EXPECT_EQ(seen[k].first, k == 0 || k == 3 ? 0u : seen[k - 1].first + seen[k - 1].count);
    EXPECT_EQ(seen[k].firstN, expectN) << "a feature handed over twice, or skipped";
    expectN = seen[k].lastN + 1;
  }
  EXPECT_EQ(expectN, 1100);
}

TEST_F(ReadProgressTest, ABatchHookThrowingReadCancelledStopsTheRead) {
  const auto file = writePoints(m_dir / "points.gpkg", 2000);
  ReadOptions options;
  options.batchFeatures = 500;
  int batches = 0;
  options.batches = [&](const ReadBatch&) {
    if (++batches == 2) throw ReadCancelled(file.string() + ": cancelled");
  };
  EXPECT_THROW(readVectorFile(file, nullptr, false, options), ReadCancelled);
  EXPECT_EQ(batches, 2);
}

}  // namespace
