#pragma once

#include <QtGlobal>

namespace vw::client {

// Moves the row of a sorted list model whose sort key just changed to the place
// `comesBefore` now gives it, every other row being still in order. QAbstractItemModel's
// beginMoveRows/endMoveRows are protected, so the model brackets the move itself:
// `beginMove(row, destinationChild)` gets beginMoveRows' destination (one past the target
// when moving down), `endMove()` comes after `rows` changed. Returns the row's new index.
// `comesBefore` must be a total order (ties broken, by id say): a row equal to another
// would otherwise move past it.
template <typename Rows, typename ComesBefore, typename BeginMove, typename EndMove>
int moveToSortedPlace(Rows &rows, int row, ComesBefore comesBefore, BeginMove beginMove, EndMove endMove)
{
    // The other rows are in order, so the target is the number of them that precede it.
    int target = 0;
    for (qsizetype other = 0; other < rows.size(); ++other) {
        if (other != row && comesBefore(rows[other], rows[row]))
            ++target;
    }
    if (target == row)
        return row;
    beginMove(row, target > row ? target + 1 : target);
    rows.move(row, target);
    endMove();
    return target;
}

} // namespace vw::client
