// The mean and nearest-rank percentile the lab tables report.
#pragma once

#include <QList>

namespace ringshare::lab {

[[nodiscard]] double mean(const QList<double>& values);
// The nearest-rank percentile, p in (0, 1]; 0 for no values.
[[nodiscard]] double percentile(QList<double> values, double p);

} // namespace ringshare::lab
