// SQL that turns a GeoPackage with a point table `pts` into a hostile one: two views that refer to each other
// and a view whose recursive query never ends, all registered as feature layers. Shared by the reader's unit
// test and the command-line corpus, so both test the same file.
#pragma once

namespace briefmap::testdata {

inline constexpr const char* kSelfReferencingAndEndlessViewsSql =
    "CREATE VIEW va AS SELECT * FROM vb; CREATE VIEW vb AS SELECT * FROM va;"
    "CREATE VIEW endless AS WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c) "
    "  SELECT pts.fid AS fid, pts.geom AS geom, pts.name AS name FROM pts, c WHERE c.i < 0;"
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES "
    "  ('va', 'features', 'va', 4326), ('vb', 'features', 'vb', 4326), ('endless', 'features', 'endless', 4326);"
    "INSERT INTO gpkg_geometry_columns VALUES ('va', 'geom', 'POINT', 4326, 0, 0), "
    "  ('vb', 'geom', 'POINT', 4326, 0, 0), ('endless', 'geom', 'POINT', 4326, 0, 0);";

}  // namespace briefmap::testdata
