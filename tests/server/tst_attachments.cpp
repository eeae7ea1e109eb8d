#include "common/crypto/sha256.h"
#include "server/attachments/attachmentservice.h"
#include "server/attachments/attachmentsmodule.h"
#include "server/messaging/messagingmodule.h"
#include "server/store/database.h"
#include "server/store/sqlquery.h"
#include "tests/support/clamdfixture.h"
#include "tests/support/sampledocuments.h"
#include "tests/support/serverfixture.h"

#include <QDirIterator>
#include <QImage>
#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>

using namespace vw;
using namespace vw::server;
namespace samples = vw::test::samples;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// One server stack with messaging and attachments, a provider, a patient in a conversation
// with them, and an outsider (a patient with no part in it).
struct AttachmentStack
{
    explicit AttachmentStack(const QString &clamdSpec, bool requireScan = false)
    {
        test::TestServerStack::Options options;
        options.serverOptions.messagesPerMinute = 0;
        stack = std::make_unique<test::TestServerStack>(options);
        if (!stack->isValid())
            return;
        messaging = std::make_unique<messaging::MessagingModule>(stack->context(), stack->users());
        messaging->registerRoutes(stack->router());
        std::optional<scanner::ClamdAddress> clamd;
        if (!clamdSpec.isEmpty())
            clamd = scanner::ClamdAddress::parse(clamdSpec).value();
        attachments = std::make_unique<attachments::AttachmentsModule>(
            stack->context(), messaging->keyring(), clamd, requireScan, false);
        attachments->registerRoutes(stack->router());
        if (!stack->start())
            return;
        for (const auto &[name, role] :
            QList<QPair<QString, model::UserRole>> {{s("provider"), model::UserRole::Provider},
                {s("patient"), model::UserRole::Patient}, {s("outsider"), model::UserRole::Patient}}) {
            ids.insert(name, stack->createUser(name, role).id.toString(QUuid::WithoutBraces));
            clients.insert(name, std::shared_ptr<test::HttpTestClient>(stack->clientFor(stack->login(name))));
        }
        const auto opened = as(s("provider"))
                                .post(s("/messaging/conversations"),
                                    QJsonObject {{s("patientId"), ids.value(s("patient"))},
                                        {s("providerId"), ids.value(s("provider"))}});
        conversationId = opened.json().value(s("id")).toString();
        ready = opened.status == 201;
    }

    test::HttpTestClient &as(const QString &name) { return *clients.value(name); }

    test::HttpReply upload(const QString &who, const QByteArray &bytes, const QByteArray &type,
        const QByteArray &name, const QString &conversation = {})
    {
        return as(who).send("POST",
            s("/messaging/conversations/%1/attachments")
                .arg(conversation.isEmpty() ? conversationId : conversation),
            bytes, type, {{QByteArrayLiteral("X-File-Name"), name}});
    }

    test::HttpReply sendWith(
        const QString &who, const QStringList &attachmentIds, const QString &content = {})
    {
        return as(who).post(s("/messaging/conversations/%1/messages").arg(conversationId),
            QJsonObject {
                {s("content"), content}, {s("attachmentIds"), QJsonArray::fromStringList(attachmentIds)}});
    }

    qint64 attachmentRows()
    {
        store::SqlQuery query(stack->database(), s("SELECT COUNT(*) FROM attachments"));
        return query.exec().ok() && query.next() ? query.value(0).toLongLong() : -1;
    }

    qint64 blobFiles() const
    {
        qint64 count = 0;
        QDirIterator it(stack->dataDir() + s("/attachments"), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++count;
        }
        return count;
    }

    std::unique_ptr<test::TestServerStack> stack;
    std::unique_ptr<messaging::MessagingModule> messaging;
    std::unique_ptr<attachments::AttachmentsModule> attachments;
    QHash<QString, QString> ids;
    QHash<QString, std::shared_ptr<test::HttpTestClient>> clients;
    QString conversationId;
    bool ready = false;
};

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(crypto::sha256(bytes).toHex());
}

} // namespace

// Attachments end to end over HTTP, with a real clamd (its own signature database holding
// only the EICAR test signature): every allowed type, content that lies about its type,
// malware, an unreachable scanner with and without --require-scan, who may download, signed
// links, thumbnails, soft delete, collection of unsent uploads, and no plaintext on disk.
class TestAttachments : public QObject
{
    Q_OBJECT

private:
    test::ClamdFixture m_clamd;
    std::unique_ptr<AttachmentStack> m;

    QString uploadAndSend(const QByteArray &bytes, const QByteArray &type, const QByteArray &name)
    {
        const auto uploaded = m->upload(s("patient"), bytes, type, name);
        if (uploaded.status != 201)
            return {};
        const QString id = uploaded.json().value(s("id")).toString();
        return m->sendWith(s("patient"), {id}).status == 201 ? id : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_clamd.start(), qPrintable(m_clamd.errorString()));
        m = std::make_unique<AttachmentStack>(m_clamd.clamdSpec());
        QVERIFY(m->ready);
    }

    void eachAllowedTypeIsAccepted_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("declared");
        QTest::addColumn<QByteArray>("fileName");
        QTest::addColumn<QString>("expected");
        QTest::newRow("png") << samples::png() << QByteArray("image/png") << QByteArray("bp.png")
                             << s("image/png");
        QTest::newRow("jpeg") << samples::jpeg() << QByteArray("image/jpeg") << QByteArray("rash.jpg")
                              << s("image/jpeg");
        QTest::newRow("gif") << samples::gif() << QByteArray("image/gif") << QByteArray("chart.gif")
                             << s("image/gif");
        QTest::newRow("webp") << samples::webp() << QByteArray("image/webp") << QByteArray("x.webp")
                              << s("image/webp");
        QTest::newRow("heic") << samples::heic() << QByteArray("image/heic") << QByteArray("IMG_1.HEIC")
                              << s("image/heic");
        QTest::newRow("pdf") << samples::pdf() << QByteArray("application/pdf") << QByteArray("labs.pdf")
                             << s("application/pdf");
        QTest::newRow("text") << samples::plainText() << QByteArray("text/plain") << QByteArray("log.txt")
                              << s("text/plain");
        QTest::newRow("csv") << samples::csv() << QByteArray("text/csv") << QByteArray("bp.csv")
                             << s("text/csv");
        QTest::newRow("docx")
            << samples::docx()
            << QByteArray("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            << QByteArray("plan.docx")
            << s("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        QTest::newRow("xlsx") << samples::xlsx()
                              << QByteArray(
                                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                              << QByteArray("readings.xlsx")
                              << s("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        QTest::newRow("pptx")
            << samples::pptx()
            << QByteArray("application/vnd.openxmlformats-officedocument.presentationml.presentation")
            << QByteArray("talk.pptx")
            << s("application/vnd.openxmlformats-officedocument.presentationml.presentation");
        QTest::newRow("odt") << samples::odt() << QByteArray("application/vnd.oasis.opendocument.text")
                             << QByteArray("letter.odt") << s("application/vnd.oasis.opendocument.text");
    }

    void eachAllowedTypeIsAccepted()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, declared);
        QFETCH(QByteArray, fileName);
        QFETCH(QString, expected);
        const auto reply = m->upload(s("patient"), bytes, declared, fileName);
        QVERIFY2(reply.status == 201, reply.body.constData());
        const QJsonObject attachment = reply.json();
        QCOMPARE(attachment.value(s("mimeType")).toString(), expected);
        QCOMPARE(attachment.value(s("fileName")).toString(), QString::fromUtf8(fileName));
        QCOMPARE(attachment.value(s("size")).toInteger(), bytes.size());
        QCOMPARE(attachment.value(s("sha256")).toString(), sha256Hex(bytes));
        QCOMPARE(attachment.value(s("scanStatus")).toString(), s("clean"));
    }

    void multipartUploadIsAccepted()
    {
        const QByteArray boundary = "----vw-test-boundary";
        const QByteArray body = "--" + boundary
            + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nignored\r\n--" + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\n"
              "Content-Type: application/pdf\r\n\r\n"
            + samples::pdf() + "\r\n--" + boundary + "--\r\n";
        const auto reply
            = m->as(s("patient"))
                  .send("POST", s("/messaging/conversations/%1/attachments").arg(m->conversationId), body,
                      "multipart/form-data; boundary=" + boundary);
        QVERIFY2(reply.status == 201, reply.body.constData());
        QCOMPARE(reply.json().value(s("fileName")).toString(), s("scan.pdf"));
        QCOMPARE(reply.json().value(s("sha256")).toString(), sha256Hex(samples::pdf()));
    }

    void contentThatLiesIsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("declared");
        QTest::addColumn<QByteArray>("fileName");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("windows program as pdf")
            << samples::windowsExecutable() << QByteArray("application/pdf") << QByteArray("report.pdf")
            << s("executable");
        QTest::newRow("elf without a type")
            << samples::elfExecutable() << QByteArray("application/octet-stream") << QByteArray("tool")
            << s("executable");
        QTest::newRow("png declared as pdf")
            << samples::png() << QByteArray("application/pdf") << QByteArray("x.pdf") << s("image/png");
        QTest::newRow("jar declared as docx") << samples::plainZip()
                                              << QByteArray("application/vnd.openxmlformats-officedocument."
                                                            "wordprocessingml.document")
                                              << QByteArray("x.docx") << QString();
    }

    void contentThatLiesIsRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, declared);
        QFETCH(QByteArray, fileName);
        QFETCH(QString, mentions);
        const qint64 rowsBefore = m->attachmentRows();
        const auto reply = m->upload(s("patient"), bytes, declared, fileName);
        QCOMPARE(reply.status, 415);
        QCOMPARE(reply.json().value(s("statusCode")).toInt(), 415);
        const QString message = reply.json().value(s("message")).toString();
        QVERIFY2(mentions.isEmpty() || message.contains(mentions), qPrintable(message));
        QCOMPARE(m->attachmentRows(), rowsBefore);
    }

    void eicarIsRefusedAuditedAndNotKept()
    {
        const qint64 rowsBefore = m->attachmentRows();
        const qint64 blobsBefore = m->blobFiles();
        const auto reply = m->upload(s("patient"), test::ClamdFixture::eicar(), "text/plain", "eicar.txt");
        QCOMPARE(reply.status, 422);
        QVERIFY(reply.json().value(s("message")).toString().contains(s("Eicar")));
        QCOMPARE(m->attachmentRows(), rowsBefore);
        QCOMPARE(m->blobFiles(), blobsBefore);
        store::SqlQuery audit(m->stack->database(),
            s("SELECT COUNT(*) FROM audit_log WHERE action = 'attachment.rejected' AND actor_id = ?"));
        QVERIFY(audit.exec({m->ids.value(s("patient"))}).ok() && audit.next());
        QCOMPARE(audit.value(0).toInt(), 1);
    }

    void unreachableScanner_data()
    {
        QTest::addColumn<bool>("requireScan");
        QTest::addColumn<int>("status");
        QTest::newRow("stored unscanned") << false << 201;
        QTest::newRow("refused under --require-scan") << true << 503;
    }

    void unreachableScanner()
    {
        QFETCH(bool, requireScan);
        QFETCH(int, status);
        // A real clamd that was running and went away.
        test::ClamdFixture gone;
        QVERIFY2(gone.start(), qPrintable(gone.errorString()));
        const QString spec = gone.clamdSpec();
        gone.stop();
        AttachmentStack down(spec, requireScan);
        QVERIFY(down.ready);
        const auto reply = down.upload(s("patient"), samples::pdf(), "application/pdf", "labs.pdf");
        QCOMPARE(reply.status, status);
        if (status == 201) {
            QCOMPARE(reply.json().value(s("scanStatus")).toString(), s("skipped"));
            QCOMPARE(down.attachmentRows(), 1);
        } else {
            QCOMPARE(reply.json().value(s("statusCode")).toInt(), 503);
            QCOMPARE(down.attachmentRows(), 0);
            QCOMPARE(down.blobFiles(), 0);
        }
    }

    void withoutClamdUploadsAreSkipped()
    {
        AttachmentStack unscanned {QString()};
        QVERIFY(unscanned.ready);
        const auto reply = unscanned.upload(s("patient"), samples::png(), "image/png", "bp.png");
        QCOMPARE(reply.status, 201);
        QCOMPARE(reply.json().value(s("scanStatus")).toString(), s("skipped"));
    }

    void onlyParticipantsDownloadAndOnlyOnceSent()
    {
        const QByteArray photo = samples::jpeg(200, 150);
        const auto uploaded = m->upload(s("patient"), photo, "image/jpeg", "ankle swelling.jpg");
        QCOMPARE(uploaded.status, 201);
        const QString id = uploaded.json().value(s("id")).toString();
        const QString path = s("/messaging/attachments/") + id;

        QCOMPARE(m->as(s("patient")).get(path).status, 200); // the uploader sees their upload
        QCOMPARE(m->as(s("provider")).get(path).status, 404); // not sent yet
        m->stack->manualClock().advanceMs(1000); // the newest message of the page below
        const auto sent = m->sendWith(s("patient"), {id}, s("Is this normal?"));
        QCOMPARE(sent.status, 201);
        QCOMPARE(sent.json().value(s("type")).toString(), s("image"));
        const QJsonArray attachments = sent.json().value(s("attachments")).toArray();
        QCOMPARE(attachments.size(), 1);
        QCOMPARE(attachments.first().toObject(), uploaded.json());

        const auto download = m->as(s("provider")).get(path);
        QCOMPARE(download.status, 200);
        QCOMPARE(download.body, photo);
        QCOMPARE(download.header("Content-Type"), QByteArray("image/jpeg"));
        QVERIFY(
            download.header("Content-Disposition").startsWith("attachment; filename=\"ankle swelling.jpg\""));
        QCOMPARE(download.header("X-Content-Type-Options"), QByteArray("nosniff"));
        const auto outsider = m->as(s("outsider")).get(path);
        QCOMPARE(outsider.status, 404);
        QCOMPARE(outsider.json().value(s("message")).toString(), s("Attachment not found"));
        QCOMPARE(m->as(s("outsider")).get(path + s("/url")).status, 404);
        QCOMPARE(m->as(s("outsider")).get(path + s("/thumbnail")).status, 404);

        // History carries the attachment too.
        const auto history
            = m->as(s("provider"))
                  .get(s("/messaging/conversations/%1/messages?limit=1").arg(m->conversationId));
        QCOMPARE(history.json()
                     .value(s("messages"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(s("attachments"))
                     .toArray(),
            attachments);
    }

    void attachmentIdsAreChecked()
    {
        const auto mine = m->upload(s("patient"), samples::pdf(), "application/pdf", "a.pdf");
        const auto theirs = m->upload(s("provider"), samples::pdf(), "application/pdf", "b.pdf");
        QCOMPARE(mine.status, 201);
        QCOMPARE(theirs.status, 201);
        const QString mineId = mine.json().value(s("id")).toString();
        const QString theirId = theirs.json().value(s("id")).toString();
        QCOMPARE(m->sendWith(s("patient"), {theirId}).status, 400); // not the sender's upload
        QCOMPARE(m->sendWith(s("patient"), {QUuid::createUuid().toString(QUuid::WithoutBraces)}).status, 400);
        QCOMPARE(m->sendWith(s("patient"), {mineId, mineId}).status, 400); // listed twice
        const auto sent = m->sendWith(s("patient"), {mineId});
        QCOMPARE(sent.status, 201);
        QCOMPARE(sent.json().value(s("type")).toString(), s("file"));
        QCOMPARE(m->sendWith(s("patient"), {mineId}).status, 400); // already sent
        // No attachments and no content is still refused.
        QCOMPARE(m->sendWith(s("patient"), {}).status, 400);
    }

    void signedLinks()
    {
        const QByteArray bytes = samples::pdf();
        const QString id = uploadAndSend(bytes, "application/pdf", "discharge.pdf");
        QVERIFY(!id.isEmpty());
        const auto issued = m->as(s("provider")).get(s("/messaging/attachments/%1/url").arg(id));
        QCOMPARE(issued.status, 200);
        const QUrl url(issued.json().value(s("url")).toString());
        QVERIFY(url.isValid());
        QCOMPARE(url.port(), int(m->stack->port()));
        const QDateTime expiresAt
            = QDateTime::fromString(issued.json().value(s("expiresAt")).toString(), Qt::ISODateWithMs);
        QCOMPARE(expiresAt, m->stack->clock().nowUtc().addSecs(300));
        const QString pathAndQuery = url.path() + u'?' + url.query(QUrl::FullyEncoded);

        auto anonymous = m->stack->newClient(); // no bearer
        const auto fetched = anonymous->get(pathAndQuery);
        QCOMPARE(fetched.status, 200);
        QCOMPARE(fetched.body, bytes);
        QVERIFY(fetched.header("Content-Disposition").startsWith("attachment;"));

        // Any change to what was signed breaks it.
        QUrlQuery query(url);
        const auto tampered = [&](const QString &key, const QString &value) {
            QUrlQuery changed = query;
            changed.removeQueryItem(key);
            changed.addQueryItem(key, value);
            return anonymous->get(url.path() + u'?' + changed.toString(QUrl::FullyEncoded));
        };
        QString signature = query.queryItemValue(s("signature"));
        signature[3] = signature[3] == u'A' ? u'B' : u'A';
        QCOMPARE(tampered(s("signature"), signature).status, 403);
        QCOMPARE(tampered(s("user"), m->ids.value(s("patient"))).status, 403);
        QCOMPARE(tampered(s("expires"), QString::number(expiresAt.toMSecsSinceEpoch() + 60000)).status, 403);
        QCOMPARE(anonymous->get(url.path()).status, 403);
        const QString otherAttachment
            = s("/messaging/attachments/%1/signed?").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
        QCOMPARE(anonymous->get(otherAttachment + url.query(QUrl::FullyEncoded)).status, 403);

        // Expired after five minutes.
        m->stack->manualClock().advanceMs(5 * 60 * 1000 + 1);
        const auto expired = anonymous->get(pathAndQuery);
        QCOMPARE(expired.status, 403);
        QCOMPARE(expired.json().value(s("message")).toString(), s("Invalid or expired link"));

        // Issuing and using links is on the audit trail.
        store::SqlQuery audit(m->stack->database(),
            s("SELECT action, outcome FROM audit_log WHERE target_id = ? ORDER BY seq"));
        QVERIFY(audit.exec({id}).ok());
        QStringList trail;
        while (audit.next())
            trail.append(audit.value(0).toString() + u'/' + audit.value(1).toString());
        QVERIFY2(trail.contains(s("attachment.link/success")), qPrintable(trail.join(u' ')));
        QVERIFY2(trail.contains(s("attachment.download/success")), qPrintable(trail.join(u' ')));
        QVERIFY2(trail.contains(s("attachment.download/denied")), qPrintable(trail.join(u' ')));
    }

    void imagesGetThumbnails()
    {
        const QString id = uploadAndSend(samples::png(800, 600, true), "image/png", "wound.png");
        QVERIFY(!id.isEmpty());
        const auto thumbnail = m->as(s("provider")).get(s("/messaging/attachments/%1/thumbnail").arg(id));
        QCOMPARE(thumbnail.status, 200);
        QCOMPARE(thumbnail.header("Content-Type"), QByteArray("image/png")); // kept its transparency
        const QImage image = QImage::fromData(thumbnail.body);
        QCOMPARE(image.size(), QSize(320, 240));

        const QString photo = uploadAndSend(samples::jpeg(100, 400), "image/jpeg", "tall.jpg");
        const auto small = m->as(s("provider")).get(s("/messaging/attachments/%1/thumbnail").arg(photo));
        QCOMPARE(small.header("Content-Type"), QByteArray("image/jpeg"));
        QCOMPARE(QImage::fromData(small.body).size(), QSize(80, 320));

        const QString document = uploadAndSend(samples::pdf(), "application/pdf", "doc.pdf");
        QCOMPARE(
            m->as(s("provider")).get(s("/messaging/attachments/%1/thumbnail").arg(document)).status, 404);
    }

    void deletingTheMessageHidesItsAttachments()
    {
        const auto uploaded = m->upload(s("patient"), samples::pdf(), "application/pdf", "wrong patient.pdf");
        const QString id = uploaded.json().value(s("id")).toString();
        m->stack->manualClock().advanceMs(1000); // the newest message of the page below
        const auto sent = m->sendWith(s("patient"), {id}, s("oops"));
        QCOMPARE(sent.status, 201);
        const QString messageId = sent.json().value(s("id")).toString();
        QCOMPARE(m->as(s("patient")).send("DELETE", s("/messaging/messages/") + messageId).status, 204);
        for (const char *who : {"patient", "provider"}) {
            QCOMPARE(m->as(s(who)).get(s("/messaging/attachments/") + id).status, 404);
            QCOMPARE(m->as(s(who)).get(s("/messaging/attachments/%1/url").arg(id)).status, 404);
        }
        const auto history
            = m->as(s("provider"))
                  .get(s("/messaging/conversations/%1/messages?limit=1").arg(m->conversationId));
        const QJsonObject tombstone = history.json().value(s("messages")).toArray().first().toObject();
        QCOMPARE(tombstone.value(s("id")).toString(), messageId);
        QVERIFY(tombstone.value(s("attachments")).toArray().isEmpty());
    }

    void badUploadsGetClearErrors()
    {
        QCOMPARE(m->upload(s("patient"), {}, "text/plain", "empty.txt").status, 400);
        QCOMPARE(m->upload(s("outsider"), samples::pdf(), "application/pdf", "x.pdf").status, 404);
        QCOMPARE(m->upload(s("patient"), samples::pdf(), "application/pdf", "x.pdf",
                      QUuid::createUuid().toString(QUuid::WithoutBraces))
                     .status,
            404);
        const auto noFile
            = m->as(s("patient"))
                  .send("POST", s("/messaging/conversations/%1/attachments").arg(m->conversationId),
                      "--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n",
                      "multipart/form-data; boundary=b");
        QCOMPARE(noFile.status, 400);
        // A name with a path and control characters is kept only as its last, clean part.
        const auto sanitized
            = m->upload(s("patient"), samples::pdf(), "application/pdf", "../../etc/\x01passwd.pdf");
        QCOMPARE(sanitized.status, 201);
        QCOMPARE(sanitized.json().value(s("fileName")).toString(), s("passwd.pdf"));
    }

    void unsentUploadsAreCollectedAfterADay()
    {
        AttachmentStack fresh {QString()};
        QVERIFY(fresh.ready);
        const auto unsent = fresh.upload(s("patient"), samples::png(), "image/png", "draft.png");
        const auto kept = fresh.upload(s("patient"), samples::pdf(), "application/pdf", "kept.pdf");
        QCOMPARE(fresh.sendWith(s("patient"), {kept.json().value(s("id")).toString()}).status, 201);
        QCOMPARE(fresh.attachmentRows(), 2);
        QCOMPARE(fresh.blobFiles(), 3); // the png's thumbnail too
        fresh.stack->manualClock().advanceMs(23 * 60 * 60 * 1000);
        QCOMPARE(fresh.attachments->service().collectUnclaimed(), 0);
        fresh.stack->manualClock().advanceMs(60 * 60 * 1000 + 1);
        QCOMPARE(fresh.attachments->service().collectUnclaimed(), 1);
        QCOMPARE(fresh.attachmentRows(), 1);
        QCOMPARE(fresh.blobFiles(), 1);
        // A day later the access tokens have long expired: sign in again.
        auto patient = fresh.stack->clientFor(fresh.stack->login(s("patient")));
        auto provider = fresh.stack->clientFor(fresh.stack->login(s("provider")));
        QCOMPARE(
            patient->get(s("/messaging/attachments/") + unsent.json().value(s("id")).toString()).status, 404);
        QCOMPARE(
            provider->get(s("/messaging/attachments/") + kept.json().value(s("id")).toString()).status, 200);
    }

    void plaintextIsNowhereInTheDataDir()
    {
        AttachmentStack fresh {QString()};
        QVERIFY(fresh.ready);
        const QByteArray marker = "VW-PLAINTEXT-MARKER-7f3a9c";
        const QByteArray content = "Patient notes " + marker + " end\n";
        const auto uploaded = fresh.upload(s("patient"), content, "text/plain", "notes-" + marker + ".txt");
        QCOMPARE(uploaded.status, 201);
        QCOMPARE(fresh.sendWith(s("patient"), {uploaded.json().value(s("id")).toString()}).status, 201);
        QCOMPARE(fresh.as(s("provider"))
                     .get(s("/messaging/attachments/") + uploaded.json().value(s("id")).toString())
                     .body,
            content);
        int filesChecked = 0;
        QDirIterator it(fresh.stack->dataDir(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            QVERIFY2(!bytes.contains(marker), qPrintable(file.fileName()));
            QVERIFY2(!bytes.contains(crypto::sha256(content).toHex()), qPrintable(file.fileName()));
            ++filesChecked;
        }
        QVERIFY(filesChecked >= 3); // the database, its WAL and the blob at least
    }

    void cleanupTestCase()
    {
        m.reset();
        m_clamd.stop();
    }
};

QTEST_GUILESS_MAIN(TestAttachments)
#include "tst_attachments.moc"
