// Reading documents into a workspace: their candidates become pending rows, decisions already made are kept.
#include <algorithm>

#include "briefmap/extract/document.hpp"
#include "briefmap/extract/extractor.hpp"
#include "briefmap/workspace/workspace.hpp"
#include "store.hpp"

namespace briefmap::workspace {

using namespace detail;

namespace {

struct ReadDocument {
  DocumentRecord record;
  std::vector<CandidateRecord> candidates;
};

std::string titleOf(const std::string& text) {
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    std::string line = options::normaliseWhitespace(text.substr(start, end - start));
    if (!line.empty()) return line.size() > 200 ? line.substr(0, 200) : line;
    start = end + 1;
  }
  return {};
}

ReadDocument readDocument(const std::filesystem::path& path, const extract::Extractor& extractor) {
  extract::Document document;
  try {
    document = extract::loadDocument(path);
  } catch (const std::exception& e) {
    throw WorkspaceError(e.what());
  }
  ReadDocument out;
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(path, ec);
  out.record.hash = sha256Hex(document.text);
  out.record.path = ec ? path.string() : absolute.lexically_normal().string();
  out.record.title = titleOf(document.text);
  out.record.date = document.date().value_or("");
  const auto sentences = extractor.analyse(document);
  const auto& gazetteer = extractor.gazetteer();
  for (const auto& c : extract::candidatesOf(extractor, document)) {
    CandidateRecord r;
    r.place = gazetteer.place(c.place).name;
    r.id = "c" + sha256Hex(out.record.hash + ":" + std::to_string(c.placeStart) + ":" + r.place).substr(0, 12);
    r.docHash = out.record.hash;
    r.doc = c.doc;
    r.option = c.option;
    r.relevance = c.relevance;
    r.quote = c.quote;
    r.start = c.start;
    r.end = c.end;
    r.feature = extract::acceptedFeature(c, sentences, c.option, kAcceptedLayer, gazetteer);
    r.feature.properties["cues"] = c.cues;
    r.version = 1;
    out.candidates.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::vector<CandidateRecord> Workspace::importDocuments(const std::vector<std::filesystem::path>& paths,
                                                        const extract::Extractor& extractor) {
  if (m_readOnly) throw WorkspaceError(m_name + " is open read-only: no document can be added");
  // Everything is read and analysed before the transaction starts, so no lock is held while extracting.
  std::vector<ReadDocument> read;
  for (const auto& path : paths) read.push_back(readDocument(path, extractor));
  GDALDataset& ds = *m->ds;
  std::vector<CandidateRecord> added;
  Transaction transaction(ds, m_name);
  takeWriterLock(ds, m_name);
  OGRLayer& documentsTable = table(ds, kDocumentsTable, m_name);
  OGRLayer& candidatesTable = table(ds, kCandidatesTable, m_name);
  const std::string readAt = nowUtc();
  for (auto& d : read) {
    if (rowsWhere(documentsTable, "doc_hash", d.record.hash).empty()) {
      OGRFeature row(documentsTable.GetLayerDefn());
      row.SetField("doc_hash", d.record.hash.c_str());
      row.SetField("path", d.record.path.c_str());
      row.SetField("title", d.record.title.c_str());
      row.SetField("doc_date", d.record.date.c_str());
      row.SetField("read_at", readAt.c_str());
      putRow(documentsTable, row, m_name);
    }
    for (auto& c : d.candidates) {
      if (!rowsWhere(candidatesTable, "cand_id", c.id).empty()) continue;  // decided (or pending) already
      OGRFeature row(candidatesTable.GetLayerDefn());
      candidateToOgr(c, row);
      putRow(candidatesTable, row, m_name);
      added.push_back(std::move(c));
    }
    logChange(ds, "Read " + std::filesystem::path(d.record.path).filename().string(), "document", d.record.hash, m_name);
  }
  transaction.commit();
  return added;
}

}  // namespace briefmap::workspace
