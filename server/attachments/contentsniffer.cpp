#include "server/attachments/contentsniffer.h"

#include "server/attachments/zipinspector.h"

#include <QByteArrayView>
#include <QMimeDatabase>
#include <QMimeType>
#include <QtEndian>

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace vw::server::attachments {

namespace {

// Every magic rule we rely on looks at the first few KiB; PDF's %PDF may be up to 1 KiB in.
constexpr qsizetype kMagicWindow = 64 * 1024;

constexpr QStringView kPng = u"image/png";
constexpr QStringView kJpeg = u"image/jpeg";
constexpr QStringView kGif = u"image/gif";
constexpr QStringView kWebp = u"image/webp";
constexpr QStringView kHeic = u"image/heic";
constexpr QStringView kHeif = u"image/heif";
constexpr QStringView kAvif = u"image/avif";
constexpr QStringView kPdf = u"application/pdf";
constexpr QStringView kText = u"text/plain";
constexpr QStringView kCsv = u"text/csv";
constexpr QStringView kDocx = u"application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr QStringView kXlsx = u"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr QStringView kPptx = u"application/vnd.openxmlformats-officedocument.presentationml.presentation";
constexpr QStringView kOdt = u"application/vnd.oasis.opendocument.text";
constexpr QStringView kZip = u"application/zip";
constexpr QStringView kOctetStream = u"application/octet-stream";

constexpr std::array<QStringView, 13> kAllowed {
    kPng, kJpeg, kGif, kWebp, kHeic, kHeif, kPdf, kText, kCsv, kDocx, kXlsx, kPptx, kOdt};

// Programs and scripts, as shared-mime-info names them (scripts with a #! line inherit
// application/x-executable) plus the names we give to what it does not know.
constexpr std::array<QStringView, 20> kExecutables {u"application/x-executable",
    u"application/x-pie-executable", u"application/x-sharedlib", u"application/x-object",
    u"application/x-ms-dos-executable", u"application/x-msdownload",
    u"application/vnd.microsoft.portable-executable", u"application/x-msi", u"application/x-java",
    u"application/x-java-archive", u"application/x-java-jnlp-file",
    u"application/vnd.android.package-archive", u"application/x-shellscript", u"application/x-shar",
    u"application/x-desktop", u"application/x-mach-binary", u"application/x-pef-executable",
    u"application/javascript", u"text/vbscript", u"application/wasm"};

// Text that some program acts on when it is opened: markup a browser renders, page
// descriptions, registry imports, shortcuts. Refused even though it is text.
constexpr std::array<QStringView, 8> kActiveText {u"text/html", u"application/xml", u"application/xhtml+xml",
    u"application/postscript", u"application/rtf", u"application/x-php", u"text/x-ms-regedit",
    u"application/x-mswinurl"};

// Types clients send that shared-mime-info does not list as aliases.
constexpr std::array<std::pair<QStringView, QStringView>, 7> kExtraAliases {{
    {u"image/jpg", kJpeg},
    {u"image/x-png", kPng},
    {u"image/x-citrix-png", kPng},
    {u"image/x-citrix-jpeg", kJpeg},
    {u"text/comma-separated-values", kCsv},
    {u"application/csv", kCsv},
    {u"application/x-csv", kCsv},
}};

template <typename List, typename Value>
bool listed(const List &list, const Value &value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

// The type itself or one of its ancestors is in `list`.
template <typename List>
bool isOrInheritsListed(const QMimeType &type, const List &list)
{
    if (listed(list, QStringView(type.name())))
        return true;
    const QStringList ancestors = type.allAncestors();
    return std::any_of(
        ancestors.begin(), ancestors.end(), [&](const QString &a) { return listed(list, QStringView(a)); });
}

bool startsWith(QByteArrayView data, QByteArrayView prefix)
{
    return data.size() >= prefix.size()
        && std::memcmp(data.data(), prefix.data(), size_t(prefix.size())) == 0;
}

// The Office Open XML type the archive is, the macro-enabled variant's name when it
// carries VBA, or empty. `declared` settles a package with parts of several kinds.
QString officeType(const ZipFacts &zip, const QString &declared)
{
    if (!zip.contentTypes)
        return {};
    QList<QStringView> kinds;
    if (zip.word)
        kinds.append(zip.macros ? u"application/vnd.ms-word.document.macroEnabled.12" : kDocx);
    if (zip.spreadsheet)
        kinds.append(zip.macros ? u"application/vnd.ms-excel.sheet.macroEnabled.12" : kXlsx);
    if (zip.presentation)
        kinds.append(zip.macros ? u"application/vnd.ms-powerpoint.presentation.macroEnabled.12" : kPptx);
    if (kinds.size() == 1)
        return kinds.first().toString();
    return listed(kinds, declared) ? declared : QString();
}

// --- Executables ---------------------------------------------------------------------------

// What shared-mime-info calls the content if that is a program, else our own name for
// program headers it does not know (Mach-O, WebAssembly) or a #! line it does not
// recognise; empty for anything else.
QString executableType(QByteArrayView head, const QMimeType &sniffed, const ZipFacts *zip)
{
    if (isOrInheritsListed(sniffed, kExecutables))
        return sniffed.name();
    static constexpr std::array<std::pair<QByteArrayView, QStringView>, 9> kMagic {{
        {QByteArrayView("\x7f"
                        "ELF",
             4),
            u"application/x-executable"},
        {QByteArrayView("MZ", 2), u"application/x-ms-dos-executable"},
        {QByteArrayView("\xfe\xed\xfa\xce", 4), u"application/x-mach-binary"},
        {QByteArrayView("\xfe\xed\xfa\xcf", 4), u"application/x-mach-binary"},
        {QByteArrayView("\xce\xfa\xed\xfe", 4), u"application/x-mach-binary"},
        {QByteArrayView("\xcf\xfa\xed\xfe", 4), u"application/x-mach-binary"},
        {QByteArrayView("\xca\xfe\xba\xbe", 4), u"application/x-mach-binary"}, // fat binary (or Java class)
        {QByteArrayView("\0asm", 4), u"application/wasm"},
        {QByteArrayView("#!", 2), u"application/x-shellscript"},
    }};
    const QByteArrayView body = startsWith(head, "\xef\xbb\xbf") ? head.sliced(3) : head;
    for (const auto &[magic, type] : kMagic) {
        if (startsWith(body, magic))
            return type.toString();
    }
    if (zip && zip->java)
        return QStringLiteral("application/x-java-archive");
    if (zip && zip->android)
        return QStringLiteral("application/vnd.android.package-archive");
    return {};
}

// --- Images --------------------------------------------------------------------------------

// HEIC (HEVC-coded HEIF, what phones write), other HEIF, or AVIF (also HEIF-based), from the
// ISO-BMFF `ftyp` box: major brand at 8, compatible brands from 16 to the box's end.
QStringView heifFamilyType(QByteArrayView head)
{
    static constexpr std::array<QByteArrayView, 8> kHevcBrands {
        "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"};
    if (head.size() < 16)
        return kHeif;
    const qsizetype boxEnd
        = std::min<qsizetype>({qFromBigEndian<quint32>(head.data()), head.size(), 16 + 4 * 64});
    QList<QByteArrayView> brands {head.sliced(8, 4)};
    for (qsizetype at = 16; at + 4 <= boxEnd; at += 4)
        brands.append(head.sliced(at, 4));
    const auto has = [&](QByteArrayView brand) { return listed(brands, brand); };
    if (std::any_of(kHevcBrands.begin(), kHevcBrands.end(), has))
        return kHeic;
    if (has("avif") || has("avis"))
        return kAvif;
    return kHeif;
}

// --- Text ----------------------------------------------------------------------------------

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF) without NUL.
bool isUtf8WithoutNul(QByteArrayView data)
{
    const auto *p = reinterpret_cast<const uchar *>(data.data());
    const auto *const end = p + data.size();
    while (p < end) {
        const uchar lead = *p;
        if (lead < 0x80) {
            if (lead == 0)
                return false;
            ++p;
            continue;
        }
        int continuation = 0;
        char32_t codePoint = 0;
        char32_t lowest = 0;
        if ((lead & 0xE0) == 0xC0) {
            continuation = 1, codePoint = lead & 0x1F, lowest = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            continuation = 2, codePoint = lead & 0x0F, lowest = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            continuation = 3, codePoint = lead & 0x07, lowest = 0x10000;
        } else {
            return false;
        }
        if (end - p < continuation + 1)
            return false;
        for (int i = 1; i <= continuation; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            codePoint = (codePoint << 6) | (p[i] & 0x3F);
        }
        if (codePoint < lowest || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            return false;
        p += continuation + 1;
    }
    return true;
}

// --- Declared types ------------------------------------------------------------------------

// "Text/CSV; charset=utf-8" -> "text/csv".
QString mediaTypeOf(const QString &declared)
{
    const qsizetype semicolon = declared.indexOf(u';');
    return (semicolon < 0 ? declared : declared.left(semicolon)).trimmed().toLower();
}

bool isGeneric(const QString &mediaType)
{
    return mediaType.isEmpty() || mediaType == kOctetStream || mediaType == u"binary/octet-stream";
}

// shared-mime-info's main name for a type or one of its aliases (image/heic -> image/heif).
QString canonicalName(const QMimeDatabase &db, const QString &name)
{
    QString mapped = name;
    for (const auto &[alias, type] : kExtraAliases) {
        if (name == alias)
            mapped = type.toString();
    }
    const QMimeType type = db.mimeTypeForName(mapped);
    return type.isValid() ? type.name() : mapped;
}

bool hasCsvExtension(const QString &fileName)
{
    return fileName.endsWith(u".csv", Qt::CaseInsensitive);
}

// A declared type quoted in a message: it is the client's text, so printable ASCII only.
QString quoted(const QString &mediaType)
{
    QString shown = mediaType.left(100);
    for (QChar &c : shown) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            c = u'?';
    }
    return shown;
}

ServiceError unsupported(const QString &message)
{
    return ServiceError {ServiceError::Kind::UnsupportedMediaType, message};
}

// What the content is: `stored` (an allowed type) when it may be kept, else `found` names it.
struct Verdict
{
    QString stored;
    QString found;
    bool inspectedZip = false; // a zip we looked into: a declared Office type is no longer a guess
    bool badText = false; // text, but not UTF-8 or with NUL bytes
};

Verdict classify(const QByteArray &content, QByteArrayView head, const QMimeType &sniffed,
    const ZipFacts *zip, const QString &declared, const QString &fileName)
{
    const QString name = sniffed.name();
    Verdict verdict;
    verdict.found = name;
    if (name == kPng || name == kJpeg || name == kGif || name == kWebp || name == kPdf || name == kOdt) {
        verdict.stored = name;
    } else if (name == kHeif) {
        const QStringView type = heifFamilyType(head);
        if (type == kAvif)
            verdict.found = type.toString();
        else
            verdict.stored = type.toString();
    } else if (zip) {
        verdict.inspectedZip = true;
        const QString office = officeType(*zip, declared);
        if (listed(kAllowed, QStringView(office)))
            verdict.stored = office;
        else if (!office.isEmpty())
            verdict.found = office; // macro-enabled
    } else if ((name == kText || sniffed.inherits(kText.toString()))
        && !isOrInheritsListed(sniffed, kActiveText)) {
        // shared-mime-info guesses text subtypes from the first words ("From:" is an email,
        // "% note" MATLAB, "// x" C); stored and served as text/plain they are inert.
        if (!isUtf8WithoutNul(content)) {
            verdict.badText = true;
        } else {
            const bool csv = declared == kCsv
                || ((isGeneric(declared) || declared == u"application/vnd.ms-excel")
                    && hasCsvExtension(fileName));
            verdict.stored = (csv ? kCsv : kText).toString();
        }
    }
    if (!verdict.stored.isEmpty())
        verdict.found = verdict.stored;
    return verdict;
}

// Whether the client's declared type (canonical) agrees with what the content is.
bool declaredAgrees(const QMimeDatabase &db, const QString &declared, const QMimeType &sniffed,
    const Verdict &verdict, const QString &fileName)
{
    // Equal, or more general than the content (application/zip for an ODT, text/plain for text).
    if (isGeneric(declared) || declared == sniffed.name() || sniffed.inherits(declared))
        return true;
    if (!verdict.stored.isEmpty()) {
        if (declared == canonicalName(db, verdict.stored))
            return true;
        // Content cannot tell CSV from other text; Windows browsers label .csv as Excel.
        const bool text = verdict.stored == kText || verdict.stored == kCsv;
        return text
            && (declared == kText || declared == kCsv
                || (declared == u"application/vnd.ms-excel" && hasCsvExtension(fileName)));
    }
    // Refused anyway: only the message is at stake. A declared type more specific than what
    // was found is not a lie either (content cannot tell), unless we looked into the zip.
    const QMimeType declaredType = db.mimeTypeForName(declared);
    return declaredType.isValid() && sniffed.name() != kOctetStream && declaredType.inherits(sniffed.name())
        && !verdict.inspectedZip;
}

} // namespace

Result<SniffedContent, ServiceError> ContentSniffer::check(
    const QByteArray &content, const QString &declaredType, const QString &fileName) const
{
    if (content.isEmpty())
        return ServiceError::badRequest(QStringLiteral("File is empty"));
    const QMimeDatabase db;
    const QByteArrayView head(content.constData(), std::min(content.size(), kMagicWindow));
    // fromRawData: the database reads the window without a copy of it.
    const QMimeType sniffed = db.mimeTypeForData(QByteArray::fromRawData(head.data(), head.size()));
    const bool isZip = sniffed.name() == kZip || sniffed.inherits(kZip.toString());
    const ZipFacts zip = isZip ? inspectZip(content) : ZipFacts {};

    if (const QString program = executableType(head, sniffed, isZip ? &zip : nullptr); !program.isEmpty()) {
        return unsupported(
            QStringLiteral("File content is an executable (%1), which is not allowed").arg(program));
    }

    const QString declared = canonicalName(db, mediaTypeOf(declaredType));
    const Verdict verdict = classify(content, head, sniffed, isZip ? &zip : nullptr, declared, fileName);
    if (!declaredAgrees(db, declared, sniffed, verdict, fileName)) {
        return unsupported(QStringLiteral("Declared type %1 does not match the content (%2)")
                               .arg(quoted(mediaTypeOf(declaredType)), verdict.found));
    }
    if (verdict.badText) {
        return unsupported(QStringLiteral(
            "File content is text but not UTF-8 without NUL bytes (%1); only UTF-8 text is allowed")
                               .arg(verdict.found));
    }
    if (verdict.stored.isEmpty())
        return unsupported(QStringLiteral("File type %1 is not allowed").arg(verdict.found));

    SniffedContent result;
    result.mimeType = verdict.stored;
    result.isImage = verdict.stored.startsWith(u"image/");
    return result;
}

QStringList ContentSniffer::allowedTypes()
{
    QStringList types;
    for (const QStringView type : kAllowed)
        types.append(type.toString());
    return types;
}

} // namespace vw::server::attachments
