// Reading documents into a workspace: their candidates become pending rows, decisions already made are kept.
#include <algorithm>

#include "briefmap/extract/document.hpp"
#include "briefmap/extract/extractor.hpp"
#include "briefmap/extract/gazetteer.hpp"
#include "briefmap/workspace/workspace.hpp"
#include "store.hpp"

namespace briefmap::workspace {

using namespace detail;

namespace {

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

}  // namespace

std::string candidateId(const std::string& docHash, size_t placeStart, const std::string& place) {
  return "c" + sha256Hex(docHash + ":" + std::to_string(placeStart) + ":" + place).substr(0, 12);
}

AnalysedDocument analyseDocument(const extract::Document& document, const std::vector<extract::SentenceAnalysis>& sentences,
                                 const std::vector<extract::Candidate>& candidates, const extract::Gazetteer& gazetteer) {
  AnalysedDocument out;
  std::error_code ec;
  const auto absolute = document.path.empty() ? document.path : std::filesystem::absolute(document.path, ec);
  out.record.hash = sha256Hex(document.text);
  out.record.path = document.path.empty() ? document.name : ec ? document.path.string() : absolute.lexically_normal().string();
  out.record.title = titleOf(document.text);
  out.record.date = document.date().value_or("");
  for (const auto& c : candidates) {
    CandidateRecord r;
    r.place = gazetteer.place(c.place).name;
    // A place carried over from the previous sentence is named there: the sentence's own start keeps its id apart
    // from that sentence's candidate for the same place.
    r.id = candidateId(out.record.hash, c.placeCarriedOver ? c.start : c.placeStart, r.place);
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

std::vector<CandidateRecord> Workspace::importDocuments(const std::vector<std::filesystem::path>& paths,
                                                        const extract::Extractor& extractor,
                                                        std::vector<std::string>* warnings) {
  if (m_readOnly) throw WorkspaceError(m_name + " is open read-only: no document can be added");
  // Everything is read and analysed before the transaction starts, so no lock is held while extracting.
  std::vector<AnalysedDocument> read;
  for (const auto& path : paths) {
    extract::Document document;
    try {
      document = extract::loadDocument(path);
    } catch (const std::exception& e) {
      throw WorkspaceError(e.what());
    }
    const auto found = extract::extractAll(extractor, document, /*keepSentences=*/true);  // one reading
    if (warnings)
      for (auto& w : extract::readingWarnings(document, found)) warnings->push_back(std::move(w));
    read.push_back(analyseDocument(document, found.sentences, found.candidates, extractor.gazetteer()));
  }
  return recordDocuments(read);
}

std::vector<CandidateRecord> Workspace::recordDocuments(const std::vector<AnalysedDocument>& read) {
  if (m_readOnly) throw WorkspaceError(m_name + " is open read-only: no document can be added");
  GDALDataset& ds = *m->ds;
  std::vector<CandidateRecord> added;
  Transaction transaction(ds, m_name);
  takeWriterLock(ds, m_name);
  OGRLayer& documentsTable = table(ds, kDocumentsTable, m_name);
  OGRLayer& candidatesTable = table(ds, kCandidatesTable, m_name);
  const std::string readAt = nowUtc();
  for (const auto& d : read) {
    if (rowsWhere(documentsTable, "doc_hash", d.record.hash).empty()) {
      OGRFeature row(documentsTable.GetLayerDefn());
      row.SetField("doc_hash", d.record.hash.c_str());
      row.SetField("path", d.record.path.c_str());
      row.SetField("title", d.record.title.c_str());
      row.SetField("doc_date", d.record.date.c_str());
      row.SetField("read_at", readAt.c_str());
      putRow(documentsTable, row, m_name);
    }
    for (const auto& c : d.candidates) {
      if (!rowsWhere(candidatesTable, "cand_id", c.id).empty()) continue;  // decided (or pending) already
      OGRFeature row(candidatesTable.GetLayerDefn());
      candidateToOgr(c, row);
      putRow(candidatesTable, row, m_name);
      added.push_back(c);
    }
    logChange(ds, "Read " + std::filesystem::path(d.record.path).filename().string(), "document", d.record.hash, m_name);
  }
  transaction.commit();
  return added;
}

}  // namespace briefmap::workspace
