#include "tests/load/messagecontent.h"

#include <algorithm>
#include <array>

namespace vw::load {

namespace {

// Everyday clinic vocabulary. Bodies start with the common word and draw the rest from here,
// so every word recurs across thousands of messages, as real words do.
constexpr std::array kWords {"patient", "please", "take", "the", "medication", "twice", "daily", "after",
    "meals", "blood", "pressure", "reading", "was", "normal", "this", "morning", "appointment", "tomorrow",
    "at", "nine", "clinic", "doctor", "nurse", "results", "came", "back", "fine", "call", "if", "pain",
    "gets", "worse", "sleep", "well", "dose", "increase", "reduce", "weight", "heart", "rate", "check",
    "again", "next", "week", "thank", "you", "for", "update", "feeling", "better", "today", "fever", "cough",
    "rest", "water", "walk", "minutes", "glucose", "level", "insulin", "before", "breakfast", "lab", "test",
    "scheduled", "monday", "refill", "pharmacy", "ready", "pickup", "questions", "about", "side", "effects",
    "mild", "headache", "dizzy", "when", "standing", "up", "note", "from", "visit"};

} // namespace

MessageContent::MessageContent(int sizeBytes, quint32 seed, int poolSize)
    : m_size(std::max(1, sizeBytes)), m_state(seed | 1)
{
    m_pool.reserve(std::size_t(std::max(1, poolSize)));
    for (int i = 0; i < std::max(1, poolSize); ++i)
        m_pool.push_back(compose(QString()));
}

QString MessageContent::commonWord()
{
    return QString::fromLatin1(kWords.front());
}

const QString &MessageContent::next()
{
    const QString &body = m_pool[m_next];
    m_next = (m_next + 1) % m_pool.size();
    return body;
}

QString MessageContent::withWord(const QString &word)
{
    return compose(word);
}

QString MessageContent::compose(const QString &mustContain)
{
    QString text = commonWord();
    if (!mustContain.isEmpty())
        text += QLatin1Char(' ') + mustContain;
    while (text.size() < m_size)
        text += QLatin1Char(' ') + QLatin1StringView(kWords[random() % kWords.size()]);
    // Cutting the last word keeps the size exact; a short fragment is harmless to the index.
    text.truncate(m_size);
    if (text.endsWith(QLatin1Char(' ')))
        text.back() = QLatin1Char('s');
    return text;
}

quint32 MessageContent::random()
{
    m_state ^= m_state << 13;
    m_state ^= m_state >> 17;
    m_state ^= m_state << 5;
    return m_state;
}

} // namespace vw::load
