#pragma once

#include <QImage>
#include <QList>
#include <QString>
#include <QUrl>
#include <QWidget>

#include <chrono>

class QLabel;
class QPlainTextEdit;
class QTimer;
class QToolButton;

namespace vw::chat {

class ComposerEdit;

// The message input under a chat: grows with its text, sends on Enter, quotes the message
// being replied to, takes files (attach button, drop, pasted images) and reports typing.
class Composer : public QWidget
{
    Q_OBJECT
public:
    explicit Composer(QWidget *parent = nullptr);
    ~Composer() override;

    QString text() const;
    void setText(const QString &text);
    // Empties the input without reporting typing.
    void clear();
    QPlainTextEdit *editor() const;

    // Shows "Replying to <senderName>" with the quoted preview above the input.
    void setReplyTo(const QString &senderName, const QString &preview);
    void clearReply();
    bool isReplying() const;

    // The urgent flag is for clinicians only; hidden (and off) when not available.
    void setUrgentAvailable(bool available);
    bool isUrgentAvailable() const { return m_urgentAvailable; }
    bool isUrgent() const;
    void setUrgent(bool urgent);

    // How long after the last keystroke typingChanged(false) comes; 3 s by default.
    void setTypingIdleTimeout(std::chrono::milliseconds timeout);
    bool isTyping() const { return m_typing; }

    // Sends what is typed, as Enter does; false when there is nothing to send.
    bool send();

signals:
    void sendRequested(const QString &text, bool urgent);
    void replyCancelled();
    void attachRequested();
    void filesDropped(const QList<QUrl> &files);
    void imagePasted(const QImage &image);
    void typingChanged(bool typing);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void onTextChanged();
    void setTyping(bool typing);
    void updateHeight();
    void updateSendEnabled();
    void updateReplyPreview();

    ComposerEdit *m_edit = nullptr;
    QWidget *m_replyBar = nullptr;
    QLabel *m_replyTitle = nullptr;
    QLabel *m_replyPreview = nullptr;
    QToolButton *m_replyCancel = nullptr;
    QToolButton *m_attach = nullptr;
    QToolButton *m_urgent = nullptr;
    QToolButton *m_send = nullptr;
    QTimer *m_typingTimer = nullptr;
    QString m_replyPreviewText;
    bool m_urgentAvailable = false;
    bool m_typing = false;
    bool m_programmaticChange = false;
};

} // namespace vw::chat
