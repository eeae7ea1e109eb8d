#include "app/chat/composer.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QPainterPath>
#include <QPlainTextEdit>
#include <QResizeEvent>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <functional>

namespace vw::chat {

namespace {

constexpr int kMaxVisibleLines = 6;
constexpr std::chrono::milliseconds kDefaultTypingIdle {3000};

QList<QUrl> localFiles(const QMimeData *source)
{
    QList<QUrl> files;
    if (!source || !source->hasUrls())
        return files;
    const QList<QUrl> urls = source->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            files.append(url);
    }
    return files;
}

QToolButton *makeToolButton(QWidget *parent, const QString &text, const QString &accessibleName,
    const QString &toolTip, const QString &themeIcon = QString())
{
    auto *button = new QToolButton(parent);
    const QIcon icon = themeIcon.isEmpty() ? QIcon() : QIcon::fromTheme(themeIcon);
    if (!icon.isNull()) {
        button->setIcon(icon);
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }
    button->setText(text);
    button->setAccessibleName(accessibleName);
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::StrongFocus);
    return button;
}

// A paperclip in the palette's button text colour: no icon theme or emoji font needed.
QIcon paperclipIcon(const QPalette &palette)
{
    QIcon icon;
    for (const int size : {16, 24, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal s = size;
        painter.setPen(
            QPen(palette.color(QPalette::ButtonText), qMax(1.5, s / 14), Qt::SolidLine, Qt::RoundCap));
        painter.translate(s / 2, s / 2);
        painter.rotate(40);
        painter.translate(-s / 2, -s / 2);
        QPainterPath clip;
        const qreal w = s * 0.34;
        const qreal x = (s - w) / 2;
        clip.moveTo(x + w * 0.72, s * 0.34);
        clip.lineTo(x + w * 0.72, s * 0.72);
        clip.arcTo(QRectF(x + w * 0.28, s * 0.72 - w * 0.22, w * 0.44, w * 0.44), 0, -180);
        clip.lineTo(x + w * 0.28, s * 0.22);
        clip.arcTo(QRectF(x, s * 0.06, w, w), 180, -180);
        clip.lineTo(x + w, s * 0.78);
        clip.arcTo(QRectF(x - w * 0.1, s * 0.78 - w * 0.6, w * 1.2, w * 1.2), 0, -180);
        clip.lineTo(x - w * 0.1, s * 0.4);
        painter.drawPath(clip);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

// The text input: Enter sends, Shift+Enter breaks the line; files and images in the
// clipboard or dropped on it go to the composer instead of becoming text.
class ComposerEdit final : public QPlainTextEdit
{
public:
    explicit ComposerEdit(QWidget *parent) : QPlainTextEdit(parent) { }

    std::function<void()> onSubmit;
    std::function<void(const QList<QUrl> &)> onFiles;
    std::function<void(const QImage &)> onImage;

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
        if (enter && (event->modifiers() & Qt::ShiftModifier)) {
            insertPlainText(QStringLiteral("\n"));
            event->accept();
            return;
        }
        if (enter && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))) {
            if (onSubmit)
                onSubmit();
            event->accept();
            return;
        }
        QPlainTextEdit::keyPressEvent(event);
    }

    bool canInsertFromMimeData(const QMimeData *source) const override
    {
        if (source->hasImage() || !localFiles(source).isEmpty())
            return true;
        return QPlainTextEdit::canInsertFromMimeData(source);
    }

    void insertFromMimeData(const QMimeData *source) override
    {
        const QList<QUrl> files = localFiles(source);
        if (!files.isEmpty()) {
            if (onFiles)
                onFiles(files);
            return;
        }
        if (source->hasImage()) {
            const QImage image = qvariant_cast<QImage>(source->imageData());
            if (!image.isNull() && onImage)
                onImage(image);
            return;
        }
        QPlainTextEdit::insertFromMimeData(source);
    }
};

Composer::Composer(QWidget *parent) : QWidget(parent)
{
    setAccessibleName(tr("Message composer"));

    m_replyBar = new QWidget(this);
    m_replyBar->setAccessibleName(tr("Reply"));
    m_replyTitle = new QLabel(m_replyBar);
    m_replyTitle->setTextFormat(Qt::PlainText);
    QFont titleFont = m_replyTitle->font();
    titleFont.setBold(true);
    m_replyTitle->setFont(titleFont);
    m_replyPreview = new QLabel(m_replyBar);
    m_replyPreview->setTextFormat(Qt::PlainText);
    m_replyPreview->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_replyPreview->setForegroundRole(QPalette::PlaceholderText);
    m_replyPreview->installEventFilter(this);
    m_replyCancel
        = makeToolButton(m_replyBar, QStringLiteral("✕"), tr("Cancel reply"), tr("Cancel reply (Esc)"));
    auto *replyText = new QVBoxLayout;
    replyText->setSpacing(0);
    replyText->addWidget(m_replyTitle);
    replyText->addWidget(m_replyPreview);
    auto *replyLayout = new QHBoxLayout(m_replyBar);
    replyLayout->setContentsMargins(8, 4, 4, 4);
    replyLayout->addLayout(replyText, 1);
    replyLayout->addWidget(m_replyCancel, 0, Qt::AlignTop);
    m_replyBar->setVisible(false);

    m_edit = new ComposerEdit(this);
    m_edit->setAccessibleName(tr("Message"));
    m_edit->setAccessibleDescription(tr("Enter sends, Shift+Enter starts a new line"));
    m_edit->setPlaceholderText(tr("Write a message…"));
    m_edit->setTabChangesFocus(true);
    m_edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_edit->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_edit->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_edit->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_edit->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_edit->onSubmit = [this] { send(); };
    m_edit->onFiles = [this](const QList<QUrl> &files) { emit filesDropped(files); };
    m_edit->onImage = [this](const QImage &image) { emit imagePasted(image); };
    setFocusProxy(m_edit);

    m_attach = makeToolButton(this, tr("Attach"), tr("Attach file"), tr("Attach a file"));
    m_attach->setIcon(QIcon::fromTheme(QStringLiteral("mail-attachment"), paperclipIcon(palette())));
    m_attach->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_urgent = makeToolButton(this, tr("Urgent"), tr("Mark as urgent"),
        tr("Mark this message as urgent: the care team is alerted at once"), QStringLiteral("flag"));
    m_urgent->setCheckable(true);
    m_urgent->setVisible(false);
    m_send = makeToolButton(
        this, tr("Send"), tr("Send message"), tr("Send (Enter)"), QStringLiteral("document-send"));
    m_send->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_send->setEnabled(false);

    auto *inputRow = new QHBoxLayout;
    inputRow->setSpacing(4);
    inputRow->addWidget(m_attach, 0, Qt::AlignBottom);
    inputRow->addWidget(m_edit, 1);
    inputRow->addWidget(m_urgent, 0, Qt::AlignBottom);
    inputRow->addWidget(m_send, 0, Qt::AlignBottom);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 6);
    layout->setSpacing(2);
    layout->addWidget(m_replyBar);
    layout->addLayout(inputRow);

    m_typingTimer = new QTimer(this);
    m_typingTimer->setSingleShot(true);
    m_typingTimer->setInterval(kDefaultTypingIdle);
    connect(m_typingTimer, &QTimer::timeout, this, [this] { setTyping(false); });

    connect(m_edit, &QPlainTextEdit::textChanged, this, &Composer::onTextChanged);
    connect(m_send, &QToolButton::clicked, this, [this] { send(); });
    connect(m_attach, &QToolButton::clicked, this, &Composer::attachRequested);
    connect(m_replyCancel, &QToolButton::clicked, this, [this] {
        clearReply();
        emit replyCancelled();
        m_edit->setFocus();
    });
    connect(m_urgent, &QToolButton::toggled, this,
        [this](bool urgent) { m_urgent->setAccessibleDescription(urgent ? tr("On") : tr("Off")); });

    // Esc in the input cancels a reply, as the ✕ does.
    auto *escape = new QAction(this);
    escape->setShortcut(QKeySequence(Qt::Key_Escape));
    escape->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QAction::triggered, this, [this] {
        if (isReplying()) {
            clearReply();
            emit replyCancelled();
        }
    });
    addAction(escape);

    updateHeight();
}

Composer::~Composer() = default;

QString Composer::text() const
{
    return m_edit->toPlainText();
}

void Composer::setText(const QString &text)
{
    m_programmaticChange = true;
    m_edit->setPlainText(text);
    m_programmaticChange = false;
    m_edit->moveCursor(QTextCursor::End);
}

void Composer::clear()
{
    setText(QString());
}

QPlainTextEdit *Composer::editor() const
{
    return m_edit;
}

void Composer::setReplyTo(const QString &senderName, const QString &preview)
{
    m_replyTitle->setText(tr("Replying to %1").arg(senderName));
    m_replyPreviewText = preview.section(QLatin1Char('\n'), 0, 0).simplified();
    m_replyBar->setAccessibleDescription(tr("Replying to %1: %2").arg(senderName, m_replyPreviewText));
    m_replyBar->setVisible(true);
    updateReplyPreview();
    m_edit->setFocus();
}

void Composer::clearReply()
{
    m_replyBar->setVisible(false);
    m_replyTitle->clear();
    m_replyPreview->clear();
    m_replyPreviewText.clear();
}

bool Composer::isReplying() const
{
    return !m_replyBar->isHidden();
}

void Composer::setUrgentAvailable(bool available)
{
    m_urgentAvailable = available;
    m_urgent->setVisible(available);
    if (!available)
        m_urgent->setChecked(false);
}

bool Composer::isUrgent() const
{
    return m_urgentAvailable && m_urgent->isChecked();
}

void Composer::setUrgent(bool urgent)
{
    m_urgent->setChecked(urgent && m_urgentAvailable);
}

void Composer::setTypingIdleTimeout(std::chrono::milliseconds timeout)
{
    m_typingTimer->setInterval(timeout);
}

bool Composer::send()
{
    const QString message = text().trimmed();
    if (message.isEmpty())
        return false;
    const bool urgent = isUrgent();
    m_typingTimer->stop();
    setTyping(false);
    clear();
    m_urgent->setChecked(false);
    clearReply();
    emit sendRequested(message, urgent);
    return true;
}

void Composer::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateHeight();
}

bool Composer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_replyPreview && event->type() == QEvent::Resize)
        updateReplyPreview();
    return QWidget::eventFilter(watched, event);
}

void Composer::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateReplyPreview();
    updateHeight();
}

void Composer::onTextChanged()
{
    updateSendEnabled();
    updateHeight();
    if (m_programmaticChange)
        return;
    if (text().trimmed().isEmpty()) {
        m_typingTimer->stop();
        setTyping(false);
        return;
    }
    setTyping(true);
    m_typingTimer->start();
}

void Composer::setTyping(bool typing)
{
    if (m_typing == typing)
        return;
    m_typing = typing;
    emit typingChanged(typing);
}

void Composer::updateHeight()
{
    // QPlainTextDocumentLayout measures the document in lines, wrapped lines included.
    const int lines
        = qBound(1, qRound(m_edit->document()->documentLayout()->documentSize().height()), kMaxVisibleLines);
    const QFontMetrics metrics(m_edit->font());
    const int margins = qRound(2 * m_edit->document()->documentMargin()) + 2 * m_edit->frameWidth()
        + m_edit->contentsMargins().top() + m_edit->contentsMargins().bottom();
    const int height = lines * metrics.lineSpacing() + margins;
    if (m_edit->height() != height)
        m_edit->setFixedHeight(height);
}

void Composer::updateSendEnabled()
{
    m_send->setEnabled(!text().trimmed().isEmpty());
}

void Composer::updateReplyPreview()
{
    if (m_replyPreviewText.isEmpty())
        return;
    const int width = qMax(40, m_replyPreview->width());
    m_replyPreview->setText(
        m_replyPreview->fontMetrics().elidedText(m_replyPreviewText, Qt::ElideRight, width));
}

} // namespace vw::chat
