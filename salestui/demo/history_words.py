"""What the demo's interactions and follow-ups say: summary templates, outcomes, next steps, follow-up titles."""

from __future__ import annotations

# Contact summaries by kind: (Chinese templates, English templates). Fields: {product} {qty} {price}
# {order} {date} {days}.
SUMMARIES = {
    "call": (
        (
            "询问{product}报价，{qty}件，报{price}元/件",
            "电话确认订单#{order}的交期：{date}",
            "客户嫌价格高，要求降到{price}元",
            "回访：上批{product}质量没问题",
            "催收订单#{order}货款，答应本周付",
            "谈{qty}件{product}的年度框架价格",
        ),
        (
            "Asked for a price on {qty} {product}; quoted ¥{price} each",
            "Confirmed delivery of order #{order} for {date}",
            "Says our price is too high; wants ¥{price}",
            "Follow-up call: last batch of {product} is fine",
            "Chased payment for order #{order}; promised this week",
            "Discussed a yearly price for {qty} {product}",
        ),
    ),
    "email": (
        (
            "发送{product}报价单和产品目录",
            "发送订单#{order}的形式发票",
            "客户邮件确认收货地址",
            "寄送对账单，请客户核对",
        ),
        (
            "Sent the price list and catalogue for {product}",
            "Sent the proforma invoice for order #{order}",
            "Customer confirmed the delivery address by e-mail",
            "Sent the statement of account for checking",
        ),
    ),
    "meeting": (
        ("到公司洽谈，带{product}样品", "季度回顾会议，讨论明年订单", "在展会见面，交换名片"),
        (
            "Met at our office with {product} samples",
            "Quarterly review; next year's orders",
            "Met at the trade show; swapped cards",
        ),
    ),
    "visit": (
        ("拜访客户工厂，看{product}使用情况", "上门送样品并签收", "陪同客户验货"),
        (
            "Visited the customer's site to see {product} in use",
            "Delivered samples in person; signed for",
            "Joined the customer for the goods inspection",
        ),
    ),
    "im": (
        (
            "微信确认订单#{order}发货，物流单号已发",
            "微信发来{product}图片，问有没有现货",
            "微信语音：同意{price}元成交{qty}件",
            "客户微信确认收到货",
            "微信提醒：订单#{order}尾款{days}天后到期",
        ),
        (
            "WeChat: confirmed order #{order} has shipped; tracking sent",
            "WeChat: sent photos of {product}, asks if in stock",
            "WeChat voice: agreed {qty} {product} at ¥{price}",
            "WeChat: customer confirms the goods arrived",
            "WeChat reminder: balance for order #{order} due in {days} days",
        ),
    ),
    "note": (
        ("客户换了采购负责人", "客户今年预算缩减", "竞争对手报价低{days}%", "客户要求以后只走对公账户"),
        (
            "Customer has a new buyer",
            "Customer's budget is cut this year",
            "A competitor quoted {days}% lower",
            "Customer wants payments through the company account only",
        ),
    ),
    "complaint": (
        ("投诉订单#{order}交货晚了{days}天", "投诉{product}有{qty}件破损", "投诉发票开错，要求重开"),
        (
            "Complaint: order #{order} arrived {days} days late",
            "Complaint: {qty} {product} arrived damaged",
            "Complaint: wrong invoice, wants it reissued",
        ),
    ),
    "feedback": (
        ("反馈{product}质量很好，准备追加订单", "建议包装加厚", "对售后响应速度满意"),
        (
            "Feedback: {product} quality is good; will reorder",
            "Suggests thicker packaging",
            "Happy with how fast we answered",
        ),
    ),
}
OUTCOMES = (
    ("客户同意", "待客户回复", "已解决", "需要主管审批", ""),
    ("Agreed", "Waiting for the customer", "Resolved", "Needs manager approval", ""),
)
NEXT_STEPS = (
    ("下周再跟进", "发送合同条款确认", "安排发货", "寄样品", ""),
    ("Call again next week", "Send the agreed terms in writing", "Arrange shipment", "Send samples", ""),
)
# What a follow-up is about, and its kind ('' for a to-do that is not a contact).
FOLLOW_UP_TITLES = (
    (
        ("确认订单#{order}交期", "call"),
        ("催收货款", "call"),
        ("回访{product}使用情况", "call"),
        ("发送新报价", "email"),
        ("约拜访时间", "im"),
        ("处理投诉", ""),
    ),
    (
        ("Confirm delivery date of order #{order}", "call"),
        ("Chase payment", "email"),
        ("Check how the {product} are doing", "call"),
        ("Send the new price list", "email"),
        ("Book a visit", "call"),
        ("Resolve the complaint", ""),
    ),
)
