// The cache of users' layers' prepared bands: the store itself (data::ContentCache), a scene as bytes
// (render::serializeSceneGroup), and the session using both: a second open is served from the cache with the same
// meshes, a changed file misses, a corrupt entry is ignored and rebuilt, nothing is written beside the input, and a
// disabled cache writes nothing.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <future>
#include <random>
#include <set>

#include "briefmap/data/content_cache.hpp"
#include "briefmap/data/resources.hpp"
#include "briefmap/data/vector_writer.hpp"
#include "briefmap/render/scene_io.hpp"
#include "briefmap/session/session.hpp"

using namespace briefmap;
using namespace briefmap::data;
namespace fs = std::filesystem;

namespace {

fs::path testDir() {
  const auto dir = fs::temp_directory_path() / ("briefmap-layercache-" + std::to_string(::getpid()) + "-" +
                                                ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string readAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

CacheSettings settingsIn(const fs::path& folder, std::uint64_t maxBytes = 64ull << 20) {
  CacheSettings settings;
  settings.folder = folder;
  settings.maxBytes = maxBytes;
  return settings;
}

// A GeoPackage of star-shaped polygons and points over Ukraine (fixed seed); `shift` moves one polygon, a change of
// content that keeps the file's size.
fs::path writeLayerFile(const fs::path& file, double shift = 0) {
  std::mt19937 random(7);
  auto unit = [&] { return static_cast<double>(random()) / 4294967296.0; };
  Layer layer;
  layer.name = "areas";
  for (int n = 0; n < 60; ++n) {
    const double lon = 24 + 14 * unit() + (n == 0 ? shift : 0), lat = 45 + 7 * unit(), r = 0.05 + 0.3 * unit();
    Feature f;
    std::vector<geo::LonLat> ring;
    for (int i = 0; i < 40; ++i) {
      const double a = 2 * M_PI * i / 40, rr = r * (i % 2 ? 0.6 : 1.0);
      ring.push_back({lon + rr * std::cos(a), lat + rr * std::sin(a)});
    }
    Polygon polygon;
    polygon.rings.push_back(std::move(ring));
    f.geometry.polygons.push_back(std::move(polygon));
    f.properties = {{"name", "a" + std::to_string(n)}};
    layer.features.push_back(std::move(f));
  }
  Layer points;
  points.name = "events";
  for (int n = 0; n < 500; ++n) {
    Feature f;
    f.geometry.points.push_back({22 + 18 * unit(), 44 + 9 * unit()});
    points.features.push_back(std::move(f));
  }
  writeVectorFile(file, {OutputLayer{&layer, "areas"}, OutputLayer{&points, "events"}});
  return file;
}

std::set<std::string> namesIn(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

// Opens the file in a fresh session (the window's preparation: whole layers, home view) with this cache.
struct Opened {
  std::vector<std::string> scenes;  ///< each user layer's scene as bytes
  size_t used = 0, stored = 0;
  std::vector<std::string> messages;
};
Opened openWithCache(const fs::path& file, std::shared_ptr<const ContentCache> cache) {
  session::Session session(findGeodataDir());
  auto& state = session.model();
  session.maps().setLayerCache(std::move(cache));
  state.viewportW = 960;
  state.viewportH = 540;
  state.view = session.maps().homeView(960, 540);
  EXPECT_TRUE(session.apply(session::action::OpenFiles{{file.string()}, {}}).isDone());
  session.finish();
  Opened opened;
  for (const auto& l : state.layers) {
    if (l.isBasemap) continue;
    EXPECT_TRUE(l.scene) << l.name;
    if (l.scene) opened.scenes.push_back(render::serializeSceneGroup(*l.scene));
  }
  opened.used = session.maps().cachedBandsUsed();
  opened.stored = session.maps().cachedBandsStored();
  for (const auto& m : state.messages) opened.messages.push_back(m.text);
  return opened;
}

// An entry's payload as readStreamed hands it over (taken in pieces of 1,000 bytes), or nullopt.
std::optional<std::string> streamed(const ContentCache& cache, std::string_view key, std::string* whyNot = nullptr) {
  std::string payload;
  const bool read = cache.readStreamed(
      key,
      [&payload](const ContentCache::PayloadSource& source, size_t size) {
        payload.resize(size);
        for (size_t at = 0; at < size; at += 1000)
          if (!source(payload.data() + at, std::min<size_t>(1000, size - at))) return false;
        return true;
      },
      whyNot);
  if (!read) return std::nullopt;
  return payload;
}

}  // namespace

TEST(ContentCache, StoresByKeyAndServesTheSameBytes) {
  const fs::path dir = testDir();
  const ContentCache cache(settingsIn(dir / "cache"));
  EXPECT_FALSE(cache.read("a"));
  EXPECT_EQ(cache.write("a", "payload of a"), "");
  EXPECT_EQ(cache.write("b", std::string(1000, '\0')), "");
  EXPECT_EQ(cache.read("a").value_or(""), "payload of a");
  EXPECT_EQ(cache.read("b").value_or(""), std::string(1000, '\0'));
  EXPECT_FALSE(cache.read("c"));
  // Streamed as read (a band from the cache is never held twice): the same bytes.
  EXPECT_EQ(streamed(cache, "a").value_or(""), "payload of a");
  EXPECT_EQ(streamed(cache, "b").value_or(""), std::string(1000, '\0'));
  std::string why = "stale";
  EXPECT_FALSE(streamed(cache, "c", &why));
  EXPECT_EQ(why, "") << "absent is not a problem";
  fs::remove_all(dir);
}

// A payload produced piece by piece (a band written as it lies in memory) is the same entry as one written whole; one
// past the cap is not stored at all (it would evict everything, itself too).
TEST(ContentCache, APayloadWrittenPieceByPieceIsServedWholeAndOnePastTheCapIsNotStored) {
  const fs::path dir = testDir();
  const ContentCache cache(settingsIn(dir / "cache", 120'000));
  const std::string payload = std::string(30'000, 'a') + std::string(20'000, 'b') + "end";
  EXPECT_EQ(cache.write("pieces", [&](const ContentCache::PayloadSink& sink) {
    sink(std::string_view(payload).substr(0, 30'000));
    sink(std::string_view(payload).substr(30'000, 20'000));
    sink(std::string_view(payload).substr(50'000));
  }), "");
  EXPECT_EQ(cache.read("pieces").value_or(""), payload);
  ASSERT_EQ(cache.write("wholly", payload), "");  // a key of the same length
  EXPECT_EQ(fs::file_size(cache.pathFor("wholly")), fs::file_size(cache.pathFor("pieces")));
  EXPECT_EQ(cache.write("too big", [&](const ContentCache::PayloadSink& sink) {
    for (int i = 0; i < 3; ++i) sink(payload);
  }), "");
  EXPECT_FALSE(cache.read("too big"));
  EXPECT_FALSE(fs::exists(cache.pathFor("too big")));
  EXPECT_EQ(cache.read("pieces").value_or(""), payload) << "evicted by an entry that was not stored";
  fs::remove_all(dir);
}

TEST(ContentCache, CorruptTruncatedOrForeignEntriesAreIgnoredWithAReasonAndRemoved) {
  const fs::path dir = testDir();
  const ContentCache cache(settingsIn(dir / "cache"));
  const std::string payload(4096, 'x');
  ASSERT_EQ(cache.write("key", payload), "");
  const fs::path entry = cache.pathFor("key");
  const std::string good = readAll(entry);
  // Every cut of the file, a flipped byte anywhere, another key's entry under this name, random bytes.
  std::vector<std::pair<std::string, std::string>> bad;
  for (size_t cut : {size_t(0), size_t(5), size_t(16), size_t(20), size_t(40), good.size() / 2, good.size() - 1})
    bad.push_back({"cut at " + std::to_string(cut), good.substr(0, cut)});
  for (size_t at : {size_t(3), size_t(17), size_t(30), good.size() - 40, good.size() - 1}) {
    std::string flipped = good;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x5a);
    bad.push_back({"byte " + std::to_string(at) + " flipped", flipped});
  }
  ASSERT_EQ(cache.write("other", payload), "");
  bad.push_back({"another key's entry", readAll(cache.pathFor("other"))});
  bad.push_back({"text", "not a cache entry at all\n"});
  for (const auto& [what, bytes] : bad) {
    std::ofstream(entry, std::ios::binary | std::ios::trunc) << bytes;
    std::string why;
    EXPECT_FALSE(cache.read("key", &why)) << what;
    EXPECT_NE(why.find(entry.string()), std::string::npos) << what << ": " << why;
    EXPECT_FALSE(fs::exists(entry)) << what << ": a bad entry stays";
    std::ofstream(entry, std::ios::binary | std::ios::trunc) << bytes;
    why.clear();
    EXPECT_FALSE(streamed(cache, "key", &why)) << what << " (streamed)";
    EXPECT_NE(why.find(entry.string()), std::string::npos) << what << " (streamed): " << why;
    EXPECT_FALSE(fs::exists(entry)) << what << " (streamed): a bad entry stays";
  }
  // The payload refused by the one who reads it (a scene that does not make sense): the entry goes too.
  ASSERT_EQ(cache.write("key", payload), "");
  std::string why;
  EXPECT_FALSE(cache.readStreamed("key", [](const ContentCache::PayloadSource&, size_t) { return false; }, &why));
  EXPECT_NE(why.find(entry.string()), std::string::npos) << why;
  EXPECT_FALSE(fs::exists(entry));
  fs::remove_all(dir);
}

TEST(ContentCache, EvictsTheLeastRecentlyUsedPastItsCap) {
  const fs::path dir = testDir();
  const ContentCache cache(settingsIn(dir / "cache", 10'000));
  const std::string payload(3000, 'p');
  for (const char* key : {"first", "second", "third"}) {
    ASSERT_EQ(cache.write(key, payload), "");
    fs::last_write_time(cache.pathFor(key), fs::file_time_type::clock::now() - std::chrono::hours(3));
  }
  fs::last_write_time(cache.pathFor("second"), fs::file_time_type::clock::now() - std::chrono::hours(5));
  ASSERT_TRUE(cache.read("first"));  // used now: the newest
  ASSERT_EQ(cache.write("fourth", payload), "");
  EXPECT_LE(cache.sizeOnDisk(), 10'000u);
  EXPECT_FALSE(fs::exists(cache.pathFor("second"))) << "the least recently used goes first";
  EXPECT_TRUE(cache.read("first"));
  EXPECT_TRUE(cache.read("fourth"));
  fs::remove_all(dir);
}

TEST(ContentCache, SettingsFollowXdgAndTheSwitch) {
  const auto keep = [](const char* name) {
    const char* v = std::getenv(name);
    return std::optional<std::string>(v ? std::optional<std::string>(v) : std::nullopt);
  };
  const auto xdg = keep("XDG_CACHE_HOME"), sw = keep("BRIEFMAP_CACHE"), home = keep("HOME");
  ::setenv("XDG_CACHE_HOME", "/tmp/somewhere", 1);
  ::unsetenv("BRIEFMAP_CACHE");
  EXPECT_EQ(CacheSettings::fromEnvironment().folder, fs::path("/tmp/somewhere/briefmap"));
  EXPECT_TRUE(CacheSettings::fromEnvironment().enabled);
  ::setenv("XDG_CACHE_HOME", "relative/path", 1);  // ignored, as the XDG rules say
  ::setenv("HOME", "/home/analyst", 1);
  EXPECT_EQ(CacheSettings::fromEnvironment().folder, fs::path("/home/analyst/.cache/briefmap"));
  ::setenv("BRIEFMAP_CACHE", "off", 1);
  EXPECT_FALSE(CacheSettings::fromEnvironment().enabled);
  auto restore = [](const char* name, const std::optional<std::string>& v) {
    if (v) ::setenv(name, v->c_str(), 1);
    else ::unsetenv(name);
  };
  restore("XDG_CACHE_HOME", xdg);
  restore("BRIEFMAP_CACHE", sw);
  restore("HOME", home);
}

TEST(SceneIo, AGroupComesBackTheSameAndDamagedBytesAreRefused) {
  const fs::path dir = testDir();
  const fs::path file = writeLayerFile(dir / "layers.gpkg");
  const auto layers = readVectorFile(file);
  ASSERT_EQ(layers.size(), 2u);
  const geo::Projection projection(geo::knownMapCrs().front());
  for (const auto& layer : layers) {
    const auto group = render::buildSceneGroup(layer, projection);
    const std::string bytes = render::serializeSceneGroup(*group);
    const auto back = render::deserializeSceneGroup(bytes);
    ASSERT_TRUE(back) << layer.name;
    EXPECT_EQ(render::serializeSceneGroup(*back), bytes);
    EXPECT_EQ(back->fill.indices, group->fill.indices);
    EXPECT_EQ(back->lines.vertices, group->lines.vertices);
    EXPECT_EQ(back->points, group->points);
    EXPECT_EQ(back->triangleCount(), group->triangleCount());
    // Every prefix is refused, never read past.
    for (size_t cut = 0; cut < bytes.size(); cut += std::max<size_t>(1, bytes.size() / 997)) {
      std::string why;
      EXPECT_FALSE(render::deserializeSceneGroup(std::string_view(bytes).substr(0, cut), &why)) << cut;
      EXPECT_FALSE(why.empty());
    }
  }
  // A group joined from parts (a big layer's band) comes back with its parts, written piece by piece.
  const auto joined = render::joinSceneGroups(
      {render::buildSceneGroup(layers[0], projection), render::buildSceneGroup(layers[1], projection)});
  ASSERT_EQ(joined->parts.size(), 2u);
  std::string streamed;
  size_t pieces = 0;
  render::writeSceneGroup(*joined, [&](std::string_view piece) {
    streamed.append(piece);
    ++pieces;
  });
  EXPECT_GT(pieces, 1u);
  EXPECT_EQ(streamed, render::serializeSceneGroup(*joined));
  const auto joinedBack = render::deserializeSceneGroup(streamed);
  ASSERT_TRUE(joinedBack);
  ASSERT_EQ(joinedBack->parts.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(joinedBack->parts[i]->fill.indices, joined->parts[i]->fill.indices);
    EXPECT_EQ(joinedBack->parts[i]->points, joined->parts[i]->points);
  }
  EXPECT_EQ(joinedBack->triangleCount(), joined->triangleCount());
  EXPECT_EQ(joinedBack->bounds.maxX, joined->bounds.maxX);
  for (size_t cut = 0; cut < streamed.size(); cut += std::max<size_t>(1, streamed.size() / 499)) {
    std::string why;
    EXPECT_FALSE(render::deserializeSceneGroup(std::string_view(streamed).substr(0, cut), &why)) << cut;
  }
  // An index past the vertices (a consistent length, a wrong value) is refused, not drawn.
  auto group = render::buildSceneGroup(layers.front(), projection);
  ASSERT_FALSE(group->fill.indices.empty());
  group->fill.indices.back() = 1u << 30;
  std::string why;
  EXPECT_FALSE(render::deserializeSceneGroup(render::serializeSceneGroup(*group), &why));
  EXPECT_EQ(why, "inconsistent fill mesh");
  fs::remove_all(dir);
}

TEST(LayerCache, SecondOpenIsServedFromTheCacheWithTheSameScenes) {
  const fs::path dir = testDir();
  fs::create_directories(dir / "input");
  const fs::path file = writeLayerFile(dir / "input" / "layers.gpkg");
  const auto inputBefore = namesIn(dir / "input");
  auto cache = std::make_shared<const ContentCache>(settingsIn(dir / "cache"));
  const Opened first = openWithCache(file, cache);
  EXPECT_EQ(first.used, 0u);
  EXPECT_EQ(first.stored, 2u) << "one band of each of the two layers";
  const Opened second = openWithCache(file, cache);
  EXPECT_EQ(second.used, 2u);
  EXPECT_EQ(second.stored, 0u);
  ASSERT_EQ(second.scenes.size(), 2u);
  EXPECT_EQ(second.scenes, first.scenes) << "the cached band is not the band prepared";
  // Nothing beside the input: the folder holds what it held, the cache is in its own folder.
  EXPECT_EQ(namesIn(dir / "input"), inputBefore);
  EXPECT_FALSE(namesIn(dir / "cache").empty());
  fs::remove_all(dir);
}

TEST(LayerCache, AChangedFileMissesTheCache) {
  const fs::path dir = testDir();
  const fs::path file = writeLayerFile(dir / "layers.gpkg");
  const auto size = fs::file_size(file);
  auto cache = std::make_shared<const ContentCache>(settingsIn(dir / "cache"));
  const Opened first = openWithCache(file, cache);
  ASSERT_EQ(first.stored, 2u);
  writeLayerFile(file, 0.2);  // one polygon moved: same layers, same size, other bytes
  ASSERT_EQ(fs::file_size(file), size);
  const Opened changed = openWithCache(file, cache);
  EXPECT_EQ(changed.used, 0u) << "a changed file was served its old bands";
  EXPECT_EQ(changed.stored, 2u);
  EXPECT_NE(changed.scenes.front(), first.scenes.front());
  fs::remove_all(dir);
}

TEST(LayerCache, ACorruptEntryIsIgnoredLoggedAndRebuilt) {
  const fs::path dir = testDir();
  const fs::path file = writeLayerFile(dir / "layers.gpkg");
  auto cache = std::make_shared<const ContentCache>(settingsIn(dir / "cache"));
  const Opened first = openWithCache(file, cache);
  ASSERT_EQ(first.stored, 2u);
  for (const auto& e : fs::directory_iterator(dir / "cache")) {
    const auto size = fs::file_size(e.path());
    fs::resize_file(e.path(), size / 2);  // truncated, as by a full disk or a crash of another program
  }
  const Opened again = openWithCache(file, cache);
  EXPECT_EQ(again.used, 0u);
  EXPECT_EQ(again.stored, 2u);
  EXPECT_EQ(again.scenes, first.scenes);
  size_t logged = 0;
  for (const auto& m : again.messages)
    if (m.rfind("Layer cache: ", 0) == 0 && m.find("ignored and rebuilt") != std::string::npos) ++logged;
  EXPECT_EQ(logged, 2u);
  const Opened third = openWithCache(file, cache);
  EXPECT_EQ(third.used, 2u) << "the rebuilt entries are used";
  fs::remove_all(dir);
}

// The window hashes a file before reading it, to take its bands from the cache at once: a named pipe is refused as the
// reader refuses it, not opened (that waits for a writer, and the file would never finish loading).
TEST(LayerCache, ANamedPipeIsRefusedNotWaitedFor) {
  const fs::path dir = testDir();
  const fs::path pipe = dir / "pipe.geojson";
  ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
  session::Session session(findGeodataDir());
  auto& state = session.model();
  session.maps().setLayerCache(std::make_shared<ContentCache>(settingsIn(dir / "cache")));
  state.viewportW = 960;
  state.viewportH = 540;
  state.view = session.maps().homeView(960, 540);
  ASSERT_TRUE(session.apply(session::action::OpenFiles{{pipe.string()}, {}}).isDone());
  auto finished = std::async(std::launch::async, [&] { session.finish(); });
  if (finished.wait_for(std::chrono::seconds(30)) == std::future_status::timeout) {
    // Free the worker (a writer that closes at once) so that the test ends.
    const int fd = ::open(pipe.c_str(), O_WRONLY | O_NONBLOCK);
    if (fd >= 0) ::close(fd);
    finished.wait();
    FAIL() << "the open of a named pipe waited for a writer";
  }
  bool refused = false;
  for (const auto& m : state.messages)
    if (m.level == session::MessageLevel::Error && m.text.find("pipe.geojson") != std::string::npos) refused = true;
  EXPECT_TRUE(refused);
  EXPECT_FALSE(fs::exists(dir / "cache") && !fs::is_empty(dir / "cache"));
  fs::remove_all(dir);
}

TEST(LayerCache, ADisabledCacheWritesNothing) {
  const fs::path dir = testDir();
  const fs::path file = writeLayerFile(dir / "layers.gpkg");
  CacheSettings settings = settingsIn(dir / "cache");
  settings.enabled = false;
  const Opened opened = openWithCache(file, std::make_shared<const ContentCache>(settings));
  EXPECT_EQ(opened.scenes.size(), 2u);
  EXPECT_EQ(opened.used + opened.stored, 0u);
  EXPECT_FALSE(fs::exists(dir / "cache"));
  EXPECT_EQ(namesIn(dir), std::set<std::string>{"layers.gpkg"});
  fs::remove_all(dir);
}
