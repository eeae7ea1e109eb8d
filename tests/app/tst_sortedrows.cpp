#include "app/client/sortedrows.h"

#include <QAbstractItemModelTester>
#include <QAbstractListModel>
#include <QList>
#include <QSignalSpy>
#include <QTest>

using vw::client::moveToSortedPlace;

namespace {

// Ascending numbers; changing one moves its row to where it now belongs.
class NumberModel : public QAbstractListModel
{
public:
    explicit NumberModel(QList<int> numbers) : m_numbers(std::move(numbers)) { }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_numbers.size());
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        return index.isValid() && role == Qt::DisplayRole ? QVariant(m_numbers.at(index.row())) : QVariant();
    }

    int setNumber(int row, int number)
    {
        m_numbers[row] = number;
        return moveToSortedPlace(
            m_numbers, row, [](int a, int b) { return a < b; },
            [this](int from, int destination) {
                beginMoveRows(QModelIndex(), from, from, QModelIndex(), destination);
            },
            [this] { endMoveRows(); });
    }

    QList<int> numbers() const { return m_numbers; }

private:
    QList<int> m_numbers;
};

} // namespace

class TestSortedRows : public QObject
{
    Q_OBJECT

private slots:
    void movesOneRowToItsPlace_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("number");
        QTest::addColumn<int>("newRow");
        QTest::addColumn<QList<int>>("after");

        // Starting from 10 20 30 40 50.
        QTest::newRow("stays") << 2 << 31 << 2 << QList<int> {10, 20, 31, 40, 50};
        QTest::newRow("up one") << 2 << 15 << 1 << QList<int> {10, 15, 20, 40, 50};
        QTest::newRow("to the top") << 3 << 5 << 0 << QList<int> {5, 10, 20, 30, 50};
        QTest::newRow("down one") << 1 << 35 << 2 << QList<int> {10, 30, 35, 40, 50};
        QTest::newRow("to the bottom") << 0 << 99 << 4 << QList<int> {20, 30, 40, 50, 99};
        QTest::newRow("last stays last") << 4 << 60 << 4 << QList<int> {10, 20, 30, 40, 60};
    }

    void movesOneRowToItsPlace()
    {
        QFETCH(int, row);
        QFETCH(int, number);
        QFETCH(int, newRow);
        QFETCH(QList<int>, after);

        NumberModel model({10, 20, 30, 40, 50});
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        const QPersistentModelIndex changed = model.index(row);

        QCOMPARE(model.setNumber(row, number), newRow);
        QCOMPARE(model.numbers(), after);
        QCOMPARE(moved.count(), newRow == row ? 0 : 1);
        // Views and selections follow the row that moved.
        QCOMPARE(changed.row(), newRow);
        QCOMPARE(changed.data().toInt(), number);
    }
};

QTEST_GUILESS_MAIN(TestSortedRows)
#include "tst_sortedrows.moc"
