#include "app/chat/composer.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

#include <chrono>

using vw::chat::Composer;
using namespace std::chrono_literals;

class TestComposer : public QObject
{
    Q_OBJECT

private slots:
    void enterSendsAndClears();
    void shiftEnterInsertsNewline();
    void emptyTextCannotBeSent();
    void sendButtonFollowsText();
    void urgentFlag();
    void replyBarShowsAndCancels();
    void typingTrueThenFalse();
    void typingFalseOnSend();
    void growsWithLines();
    void attachButtonEmits();
    void everyControlHasAnAccessibleName();

private:
    static QToolButton *button(Composer &composer, const QString &accessibleName);
};

QToolButton *TestComposer::button(Composer &composer, const QString &accessibleName)
{
    const auto buttons = composer.findChildren<QToolButton *>();
    for (QToolButton *b : buttons) {
        if (b->accessibleName() == accessibleName)
            return b;
    }
    return nullptr;
}

void TestComposer::enterSendsAndClears()
{
    Composer composer;
    composer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&composer));
    QSignalSpy spy(&composer, &Composer::sendRequested);
    QTest::keyClicks(composer.editor(), QStringLiteral("Hello doctor"));
    QTest::keyClick(composer.editor(), Qt::Key_Return);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("Hello doctor"));
    QCOMPARE(spy.at(0).at(1).toBool(), false);
    QVERIFY(composer.text().isEmpty());
    QVERIFY(!button(composer, QStringLiteral("Send message"))->isEnabled());
}

void TestComposer::shiftEnterInsertsNewline()
{
    Composer composer;
    QSignalSpy spy(&composer, &Composer::sendRequested);
    QTest::keyClicks(composer.editor(), QStringLiteral("line one"));
    QTest::keyClick(composer.editor(), Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(composer.editor(), QStringLiteral("line two"));
    QCOMPARE(spy.count(), 0);
    QCOMPARE(composer.text(), QStringLiteral("line one\nline two"));
    QTest::keyClick(composer.editor(), Qt::Key_Enter);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("line one\nline two"));
}

void TestComposer::emptyTextCannotBeSent()
{
    Composer composer;
    QSignalSpy spy(&composer, &Composer::sendRequested);
    QTest::keyClick(composer.editor(), Qt::Key_Return);
    QTest::keyClicks(composer.editor(), QStringLiteral("   "));
    QTest::keyClick(composer.editor(), Qt::Key_Return);
    QVERIFY(!composer.send());
    QCOMPARE(spy.count(), 0);
    QVERIFY(!button(composer, QStringLiteral("Send message"))->isEnabled());
}

void TestComposer::sendButtonFollowsText()
{
    Composer composer;
    QSignalSpy spy(&composer, &Composer::sendRequested);
    QToolButton *send = button(composer, QStringLiteral("Send message"));
    QVERIFY(send);
    QVERIFY(!send->isEnabled());
    QTest::keyClicks(composer.editor(), QStringLiteral("hi"));
    QVERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    QVERIFY(!send->isEnabled());
}

void TestComposer::urgentFlag()
{
    Composer composer;
    composer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&composer));
    QSignalSpy spy(&composer, &Composer::sendRequested);
    QToolButton *urgent = button(composer, QStringLiteral("Mark as urgent"));
    QVERIFY(urgent);
    QVERIFY(!urgent->isVisible());
    composer.setUrgentAvailable(true);
    QVERIFY(urgent->isVisible());
    QTest::mouseClick(urgent, Qt::LeftButton);
    QVERIFY(composer.isUrgent());
    QTest::keyClicks(composer.editor(), QStringLiteral("Chest pain"));
    QTest::keyClick(composer.editor(), Qt::Key_Return);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(1).toBool(), true);
    // The flag is per message.
    QVERIFY(!composer.isUrgent());
    composer.setUrgent(true);
    composer.setUrgentAvailable(false);
    QVERIFY(!composer.isUrgent());
}

void TestComposer::replyBarShowsAndCancels()
{
    Composer composer;
    composer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&composer));
    QSignalSpy cancelled(&composer, &Composer::replyCancelled);
    QVERIFY(!composer.isReplying());
    composer.setReplyTo(QStringLiteral("Dr. House"), QStringLiteral("Take two tablets\nand call me"));
    QVERIFY(composer.isReplying());
    bool titleShown = false;
    const auto labels = composer.findChildren<QLabel *>();
    for (QLabel *label : labels)
        titleShown
            = titleShown || (label->isVisible() && label->text().contains(QStringLiteral("Dr. House")));
    QVERIFY(titleShown);
    QToolButton *cancel = button(composer, QStringLiteral("Cancel reply"));
    QVERIFY(cancel && cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(!composer.isReplying());
    QCOMPARE(cancelled.count(), 1);

    // Sending ends the reply too.
    composer.setReplyTo(QStringLiteral("Jane"), QStringLiteral("ok"));
    QTest::keyClicks(composer.editor(), QStringLiteral("thanks"));
    QTest::keyClick(composer.editor(), Qt::Key_Return);
    QVERIFY(!composer.isReplying());
}

void TestComposer::typingTrueThenFalse()
{
    Composer composer;
    composer.setTypingIdleTimeout(100ms);
    QSignalSpy spy(&composer, &Composer::typingChanged);
    QTest::keyClicks(composer.editor(), QStringLiteral("abc"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toBool(), true);
    QVERIFY(composer.isTyping());
    QTRY_COMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toBool(), false);
    QVERIFY(!composer.isTyping());
}

void TestComposer::typingFalseOnSend()
{
    Composer composer;
    QSignalSpy spy(&composer, &Composer::typingChanged);
    QTest::keyClicks(composer.editor(), QStringLiteral("abc"));
    QTest::keyClick(composer.editor(), Qt::Key_Return);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toBool(), false);
    // Clearing after the send is not typing.
    QTest::qWait(20);
    QCOMPARE(spy.count(), 2);
}

void TestComposer::growsWithLines()
{
    Composer composer;
    composer.resize(400, 200);
    composer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&composer));
    const int oneLine = composer.editor()->height();
    composer.setText(QStringLiteral("1\n2\n3"));
    const int threeLines = composer.editor()->height();
    QVERIFY2(threeLines > oneLine, qPrintable(QStringLiteral("%1 vs %2").arg(threeLines).arg(oneLine)));
    composer.setText(QStringLiteral("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12"));
    const int many = composer.editor()->height();
    QVERIFY(many > threeLines);
    composer.setText(QStringLiteral("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18"));
    QCOMPARE(composer.editor()->height(), many);
}

void TestComposer::attachButtonEmits()
{
    Composer composer;
    QSignalSpy spy(&composer, &Composer::attachRequested);
    QToolButton *attach = button(composer, QStringLiteral("Attach file"));
    QVERIFY(attach);
    QTest::mouseClick(attach, Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
}

void TestComposer::everyControlHasAnAccessibleName()
{
    Composer composer;
    QVERIFY(!composer.editor()->accessibleName().isEmpty());
    const auto buttons = composer.findChildren<QToolButton *>();
    QVERIFY(buttons.size() >= 4);
    for (QToolButton *b : buttons)
        QVERIFY(!b->accessibleName().isEmpty());
}

QTEST_MAIN(TestComposer)
#include "tst_composer.moc"
