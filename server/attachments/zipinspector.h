#pragma once

#include <QByteArrayView>

namespace vw::server::attachments {

// What the entry names of a zip archive say it is. Office and OpenDocument files, jars and
// Android packages are all zips; shared-mime-info tells only some of them apart.
struct ZipFacts
{
    bool contentTypes = false; // [Content_Types].xml: an Open Packaging (OOXML) container
    bool word = false;
    bool spreadsheet = false;
    bool presentation = false;
    bool macros = false;
    bool java = false;
    bool android = false;
};

// Reads the entry names from the central directory (Zip64 included), or, when there is no
// usable one, from the local headers; nothing is decompressed, every offset is bounds-checked.
ZipFacts inspectZip(QByteArrayView zip);

} // namespace vw::server::attachments
