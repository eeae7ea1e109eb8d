#include "app/chat/translations.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using vw::chat::Translations;

// The compiled-in languages, switching between them at run time, and the saved choice.
class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void englishAndSpanishAreBuiltIn()
    {
        const QStringList codes = Translations::available();
        QVERIFY2(codes.contains(QStringLiteral("en")), qPrintable(codes.join(u',')));
        QVERIFY2(codes.contains(QStringLiteral("es")), qPrintable(codes.join(u',')));
        QCOMPARE(Translations::nativeName(QStringLiteral("es")), QStringLiteral("Español"));
    }

    void switchingInstallsAndRemovesTranslators()
    {
        Translations translations;
        QSignalSpy changed(&translations, &Translations::languageChanged);
        QVERIFY(translations.apply(QStringLiteral("es")));
        QCOMPARE(translations.current(), QStringLiteral("es"));
        QCOMPARE(QCoreApplication::translate("vw::chat::MainWindow", "Conversations"),
            QStringLiteral("Conversaciones"));
        QVERIFY(translations.apply(QStringLiteral("en")));
        QCOMPARE(translations.current(), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("vw::chat::MainWindow", "Conversations"),
            QStringLiteral("Conversations"));
        QVERIFY(!translations.apply(QStringLiteral("xx"))); // no such translation: unchanged
        QCOMPARE(translations.current(), QStringLiteral("en"));
        QCOMPARE(changed.size(), 2);
    }

    void germanWelcomes()
    {
        // German covers the welcome (sign-in) screen; the rest falls back to English.
        QVERIFY(Translations::available().contains(QStringLiteral("de")));
        Translations translations;
        QVERIFY(translations.apply(QStringLiteral("de")));
        QCOMPARE(
            QCoreApplication::translate("vw::chat::SignInDialog", "Sign in"), QStringLiteral("Anmelden"));
        QCOMPARE(QCoreApplication::translate("vw::chat::MainWindow", "Conversations"),
            QStringLiteral("Conversations"));
        QVERIFY(translations.apply(QStringLiteral("en")));
    }

    void choiceIsRemembered()
    {
        Translations::saveChoice(QStringLiteral("es"));
        QCOMPARE(Translations::savedChoice(), QStringLiteral("es"));
        Translations::saveChoice(QString());
        QCOMPARE(Translations::savedChoice(), QString());
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
