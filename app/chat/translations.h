#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QTranslator;

namespace vw::chat {

// The app's languages: the translations compiled into the binary (:/i18n/vytalwatch_<code>.qm),
// the system locale by default, and the user's choice from the Language menu (kept in
// QSettings). Switching installs the new translator; widgets retranslate on LanguageChange.
class Translations : public QObject
{
    Q_OBJECT
public:
    static inline const QString kSettingsKey = QStringLiteral("ui/language");

    explicit Translations(QObject *parent = nullptr);
    ~Translations() override;

    // Language codes with a translation in the binary ("en", "es", ...), sorted.
    static QStringList available();
    // The language's own name for the menu ("English", "Español").
    static QString nativeName(const QString &code);

    // The saved choice, or empty for "follow the system".
    static QString savedChoice();
    static void saveChoice(const QString &code);

    // Installs `code`'s translation, or the system locale's best match when `code` is empty.
    // English (the source language) needs none. False when there is no such translation.
    bool apply(const QString &code);
    QString current() const { return m_current; }

signals:
    void languageChanged(const QString &code);

private:
    std::unique_ptr<QTranslator> m_translator;
    QString m_current;
};

} // namespace vw::chat
