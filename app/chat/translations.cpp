#include "app/chat/translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace vw::chat {

namespace {

const QString kResourceDir = QStringLiteral(":/i18n");
const QString kPrefix = QStringLiteral("vytalwatch_");

} // namespace

Translations::Translations(QObject *parent) : QObject(parent) { }

Translations::~Translations()
{
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
}

QStringList Translations::available()
{
    QStringList codes;
    const QStringList files = QDir(kResourceDir).entryList({kPrefix + QStringLiteral("*.qm")}, QDir::Files);
    for (const QString &file : files)
        codes.append(file.mid(kPrefix.size()).chopped(3));
    if (!codes.contains(QStringLiteral("en")))
        codes.append(QStringLiteral("en"));
    codes.sort();
    return codes;
}

QString Translations::nativeName(const QString &code)
{
    // Qt 6.4 names the country too ("español de España"); the menu wants the language only.
    static const QHash<QString, QString> known {{QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("es"), QStringLiteral("Espa\u00f1ol")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")}};
    if (const auto it = known.constFind(code); it != known.cend())
        return *it;
    QString name = QLocale(code).nativeLanguageName();
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name.isEmpty() ? code : name;
}

QString Translations::savedChoice()
{
    return QSettings().value(kSettingsKey).toString();
}

void Translations::saveChoice(const QString &code)
{
    QSettings settings;
    if (code.isEmpty())
        settings.remove(kSettingsKey);
    else
        settings.setValue(kSettingsKey, code);
}

bool Translations::apply(const QString &code)
{
    auto translator = std::make_unique<QTranslator>();
    bool loaded = false;
    QString chosen = code;
    if (code.isEmpty()) {
        // The system's preferred languages in order; English, the source, is the fallback.
        loaded = translator->load(QLocale(), QStringLiteral("vytalwatch"), QStringLiteral("_"), kResourceDir);
        chosen = loaded ? translator->language().section(u'_', 0, 0) : QStringLiteral("en");
    } else if (code != u"en") {
        loaded = translator->load(kPrefix + code, kResourceDir);
        if (!loaded)
            return false;
    }
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
    m_translator.reset();
    if (loaded) {
        QCoreApplication::installTranslator(translator.get());
        m_translator = std::move(translator);
    }
    m_current = chosen;
    emit languageChanged(m_current);
    return true;
}

} // namespace vw::chat
