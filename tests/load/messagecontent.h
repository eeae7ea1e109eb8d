#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <vector>

namespace vw::load {

// Message bodies of a fixed size made of ordinary lower-case English words, so the server's
// search index tokenises them like real chat. A pool of bodies is built once: generating
// text per send would cost the generator CPU the server should get.
class MessageContent
{
public:
    MessageContent(int sizeBytes, quint32 seed, int poolSize = 512);

    // The pool's bodies in turn.
    const QString &next();
    // A fresh body of the same size that contains `word` (a rare token for search tests).
    QString withWord(const QString &word);

    // A word most bodies contain, for the "often" search.
    static QString commonWord();

private:
    QString compose(const QString &mustContain);
    quint32 random();

    int m_size;
    quint32 m_state;
    std::vector<QString> m_pool;
    std::size_t m_next = 0;
};

} // namespace vw::load
