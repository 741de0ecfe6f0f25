// The Transfers view's graph of the last two minutes' download and upload rates.
#pragma once

#include <QWidget>
#include <deque>

namespace ringshare::ui {

// The last two minutes of download and upload rates, one sample a second, scaled to the highest rate
// seen in that window.
class RateGraph final : public QWidget {
    Q_OBJECT

public:
    static constexpr int kSamples = 120;

    explicit RateGraph(QWidget* parent = nullptr);

    void addSample(qint64 downloadRate, qint64 uploadRate);
    [[nodiscard]] int sampleCount() const { return int(m_down.size()); }

    [[nodiscard]] QSize sizeHint() const override { return {480, 110}; }
    [[nodiscard]] QSize minimumSizeHint() const override { return {200, 70}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::deque<qint64> m_down;
    std::deque<qint64> m_up;
};

} // namespace ringshare::ui
