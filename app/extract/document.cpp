#include "briefmap/extract/document.hpp"

#include "briefmap/data/utf8.hpp"
#include "rules.hpp"

#include <cpl_conv.h>
#include <cpl_string.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace briefmap::extract {
namespace {

// Bytes of a valid UTF-8 sequence at i, or 0.
size_t validUtf8At(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t n = 0;
  char32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

std::string recode(std::string_view bytes, const char* from) {
  const std::string input(bytes);
  char* converted = CPLRecode(input.c_str(), from, CPL_ENC_UTF8);
  std::string out = converted ? converted : "";
  CPLFree(converted);
  return out;
}


// UTF-16 with a byte-order mark (the BOM is dropped). Decoded here rather than through CPLRecode, whose
// C-string interface stops at the first zero byte, which UTF-16 text is full of. Lone surrogates become U+FFFD.
std::string recodeUtf16(std::string_view bytes, bool littleEndian) {
  std::string out;
  out.reserve(bytes.size());
  auto unitAt = [&](size_t i) -> char32_t {
    const auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return littleEndian ? a | (b << 8) : (a << 8) | b;
  };
  for (size_t i = 2; i + 1 < bytes.size(); i += 2) {
    char32_t u = unitAt(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size() && unitAt(i + 2) >= 0xDC00 && unitAt(i + 2) <= 0xDFFF) {
      u = 0x10000 + ((u - 0xD800) << 10) + (unitAt(i + 2) - 0xDC00);
      i += 2;
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      u = 0xFFFD;
    }
    data::appendUtf8(u == 0 ? U' ' : u, out);
  }
  return out;
}

// Text or not: NUL bytes, or many control characters, in the first 64 KiB mean binary data.
bool looksBinary(std::string_view bytes) {
  const size_t n = std::min<size_t>(bytes.size(), 64 * 1024);
  size_t control = 0;
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) return true;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B) ++control;
  }
  return n > 0 && control * 20 > n;  // over 5 %
}


// A date alone on a line (a time may follow): "20 septembre 2025 à 15:20", "August 18, 2025",
// "Monday, 18 August 2025", "2025-08-20". Dates inside sentences are not document dates.
std::optional<std::string> datelineDate(std::string_view line) {
  std::vector<std::string_view> words;
  for (size_t i = 0; i < line.size();) {
    while (i < line.size() && (line[i] == ' ' || line[i] == ',' || line[i] == '\t')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != ',' && line[j] != '\t') ++j;
    if (j > i) words.push_back(line.substr(i, j - i));
    i = j;
  }
  if (words.empty() || words.size() > 7) return std::nullopt;
  auto number = [](std::string_view w, int& v) {
    if (w.empty() || w.size() > 4) return false;
    v = 0;
    for (char c : w) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    return true;
  };
  auto iso = [](int y, int m, int d) -> std::optional<std::string> {
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return std::string(buf);
  };
  static constexpr std::array<std::string_view, 14> kWeekdays = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
  size_t w = 0;
  {
    std::string first(words[0]);
    for (char& c : first) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::find(kWeekdays.begin(), kWeekdays.end(), first) != kWeekdays.end()) ++w;
  }
  std::optional<std::string> date;
  size_t used = 0;
  int y = 0, m = 0, d = 0;
  if (w < words.size() && words[w].size() == 10 && words[w][4] == '-' && words[w][7] == '-' &&
      number(words[w].substr(0, 4), y) && number(words[w].substr(5, 2), m) && number(words[w].substr(8, 2), d)) {
    date = iso(y, m, d);
    used = 1;
  } else if (w + 2 < words.size() && number(words[w], d) &&
             (m = rules::monthNumber(words[w + 1])) && number(words[w + 2], y)) {
    date = iso(y, m, d);  // 20 septembre 2025
    used = 3;
  } else if (w + 2 < words.size() && (m = rules::monthNumber(words[w])) && number(words[w + 1], d) &&
             number(words[w + 2], y)) {
    date = iso(y, m, d);  // August 18, 2025
    used = 3;
  }
  if (!date) return std::nullopt;
  // What may follow: a time ("à 15:20", "at 15:20", "15:20", "GMT").
  for (size_t k = w + used; k < words.size(); ++k) {
    const auto x = words[k];
    const bool time = x.find(':') != std::string_view::npos && x.size() <= 8;
    if (!(time || x == "à" || x == "at" || x == "GMT" || x == "UTC" || x == "CET" || x == "CEST" || x == "BST" ||
          x == "EST" || x == "EDT" || x == "-"))
      return std::nullopt;
  }
  return date;
}

void findDatelines(Document& doc) {
  const std::string_view text = doc.text;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end - start <= 64) {
      std::string_view line = text.substr(start, end - start);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      if (auto date = datelineDate(line)) doc.datelines.push_back({start, *date});
    }
    start = end + 1;
  }
}

}  // namespace

std::optional<std::string> Document::date() const {
  if (datelines.empty()) return std::nullopt;
  return datelines.front().date;
}

std::optional<std::string> Document::dateAt(size_t offset) const {
  const Dateline* best = nullptr;
  for (const auto& d : datelines)
    if (d.offset <= offset) best = &d;
  if (best) return best->date;
  return date();
}

namespace {

// Takes the bytes by value so that a valid UTF-8 file is moved, not copied (one copy of a large file in memory).
Document decodeBytes(std::string name, std::string&& owned) {
  const std::string_view bytes = owned;
  Document doc;
  doc.name = std::move(name);
  const auto b0 = bytes.size() >= 2 ? static_cast<unsigned char>(bytes[0]) : 0;
  const auto b1 = bytes.size() >= 2 ? static_cast<unsigned char>(bytes[1]) : 0;
  if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
    doc.text = recodeUtf16(bytes, b0 == 0xFF);
    doc.encoding = "UTF-16 (recoded)";
  } else if (looksBinary(bytes)) {
    throw DocumentError(doc.name + ": binary data, not a text document");
  } else if (CPLIsUTF8(bytes.data(), static_cast<int>(std::min<size_t>(bytes.size(), INT32_MAX)))) {
    doc.text = std::move(owned);
    // A byte-order mark becomes three spaces: offsets stay those of the file.
    if (doc.text.size() >= 3 && doc.text.compare(0, 3, "\xEF\xBB\xBF") == 0) doc.text.replace(0, 3, "   ");
  } else {
    // UTF-8 with some broken bytes (valid multi-byte sequences present, broken bytes not many more): keep the
    // offsets, replace each bad byte by '?'. Otherwise an 8-bit encoding, whose high bytes seldom form valid
    // UTF-8: taken as Windows-1252 (ISO-8859-1 when GDAL has no iconv).
    size_t valid = 0, invalid = 0;
    for (size_t i = 0; i < bytes.size();) {
      const size_t n = validUtf8At(bytes, i);
      if (n == 0) { ++invalid; ++i; }
      else { valid += n > 1; i += n; }
    }
    if (valid > 0 && invalid <= 4 * valid) {
      doc.text.assign(bytes);
      for (size_t i = 0; i < doc.text.size();) {
        const size_t n = validUtf8At(doc.text, i);
        if (n == 0) doc.text[i++] = '?';
        else i += n;
      }
      doc.encoding = "UTF-8, " + std::to_string(invalid) + " invalid bytes replaced by '?'";
    } else {
      CPLPushErrorHandler(CPLQuietErrorHandler);
      doc.text = recode(bytes, "CP1252");
      doc.encoding = "Windows-1252 (recoded)";
      if (doc.text.empty() && !bytes.empty()) {
        doc.text = recode(bytes, CPL_ENC_ISO8859_1);
        doc.encoding = "ISO-8859-1 (recoded)";
      }
      CPLPopErrorHandler();
    }
    doc.warnings.push_back("not valid UTF-8: read as " + doc.encoding);
  }
  findDatelines(doc);
  return doc;
}

}  // namespace

Document documentFromBytes(std::string name, std::string_view bytes) { return decodeBytes(std::move(name), std::string(bytes)); }

Document loadDocument(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw DocumentError("cannot read " + path.string() + ": no such file");
  if (std::filesystem::is_directory(status)) throw DocumentError("cannot read " + path.string() + ": it is a folder");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw DocumentError("cannot read " + path.string() + ": " + ec.message());
  if (size > kMaxDocumentBytes)
    throw DocumentError("cannot read " + path.string() + ": " + std::to_string(size / (1024 * 1024)) +
                        " MB is over the limit of " + std::to_string(kMaxDocumentBytes / (1024 * 1024)) +
                        " MB for one document; split it into smaller files");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DocumentError("cannot read " + path.string() + ": " + std::strerror(errno));
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<size_t>(in.gcount()) != size)
    throw DocumentError("cannot read " + path.string() + ": the file changed or could not be read to the end");
  try {
    Document doc = decodeBytes(name, std::move(bytes));
    doc.path = path;
    return doc;
  } catch (const DocumentError& e) {
    throw DocumentError("cannot read " + path.string() + ": " + std::string(e.what()).substr(name.size() + 2));
  }
}

std::vector<std::filesystem::path> listDocuments(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string ext = it->path().extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".txt" || ext == ".text" || ext == ".md" || ext == ".html" || ext == ".htm") out.push_back(it->path());
  }
  if (ec) throw DocumentError("cannot list " + folder.string() + ": " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace briefmap::extract
