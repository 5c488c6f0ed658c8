"""Word lists the demo generator draws names, companies and contact summaries from."""

from __future__ import annotations

# (login, name, role): the first is the rep `salestui --demo` signs in as.
REPS = (
    ("lihua", "李华", "rep"),
    ("emma.clark", "Emma Clark", "rep"),
    ("wangfang", "王芳", "rep"),
    ("david.chen", "David Chen", "rep"),
    ("liujing", "刘静", "rep"),
    ("zhaomin", "赵敏", "manager"),
)

SURNAMES = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
) + ("欧阳", "司马", "诸葛", "上官")
GIVEN_CHARACTERS = tuple(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉萍红建国文辉鹏飞宇浩婷雪琳晨阳欣怡俊峰海燕志刚秀兰梅兵斌"
    "波凯亮倩颖佳慧思远博彬瑞琦楠梓涵子轩梦洁晓东嘉诚"
)

ENGLISH_FIRST = (
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "William",
    "Elizabeth",
    "David",
    "Susan",
    "Richard",
    "Jessica",
    "Thomas",
    "Sarah",
    "Daniel",
    "Karen",
    "Matthew",
    "Nancy",
    "Anthony",
    "Lisa",
    "Mark",
    "Sophie",
    "Oliver",
    "Hannah",
    "Lucas",
    "Emily",
    "Ahmed",
    "Priya",
    "Carlos",
    "Ana",
    "Kenji",
    "Yuki",
    "Mohammed",
    "Fatima",
    "Pierre",
    "Claire",
    "Hans",
    "Greta",
)
ENGLISH_LAST = (
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "King",
    "Wright",
    "Lopez",
    "Hill",
    "Green",
    "Baker",
    "Nelson",
    "Carter",
    "Müller",
    "Schmidt",
    "Dubois",
    "Rossi",
    "Tanaka",
    "Suzuki",
    "Khan",
    "Patel",
    "Silva",
    "O'Brien",
)

# (city, province or country): where Chinese and overseas customers are.
CHINESE_PLACES = (
    ("上海", "上海"),
    ("北京", "北京"),
    ("广州", "广东"),
    ("深圳", "广东"),
    ("东莞", "广东"),
    ("佛山", "广东"),
    ("杭州", "浙江"),
    ("宁波", "浙江"),
    ("义乌", "浙江"),
    ("温州", "浙江"),
    ("苏州", "江苏"),
    ("南京", "江苏"),
    ("无锡", "江苏"),
    ("青岛", "山东"),
    ("济南", "山东"),
    ("厦门", "福建"),
    ("泉州", "福建"),
    ("成都", "四川"),
    ("重庆", "重庆"),
    ("武汉", "湖北"),
    ("长沙", "湖南"),
    ("郑州", "河南"),
    ("西安", "陕西"),
    ("天津", "天津"),
)
OVERSEAS_PLACES = (
    ("London", "United Kingdom"),
    ("Manchester", "United Kingdom"),
    ("Hamburg", "Germany"),
    ("Munich", "Germany"),
    ("Rotterdam", "Netherlands"),
    ("Lyon", "France"),
    ("Milan", "Italy"),
    ("New York", "United States"),
    ("Los Angeles", "United States"),
    ("Toronto", "Canada"),
    ("Sydney", "Australia"),
    ("Singapore", "Singapore"),
    ("Dubai", "United Arab Emirates"),
    ("Mumbai", "India"),
    ("Osaka", "Japan"),
    ("São Paulo", "Brazil"),
)
# Dialling code and a digit pattern for overseas phones (x is a random digit).
OVERSEAS_PHONES = {
    "United Kingdom": "+44 20 7946 0xxx",
    "Germany": "+49 40 xxxx xxxx",
    "Netherlands": "+31 10 xxx xxxx",
    "France": "+33 4 xx xx xx xx",
    "Italy": "+39 02 xxxx xxxx",
    "United States": "+1 212 555 0xxx",
    "Canada": "+1 416 555 0xxx",
    "Australia": "+61 2 xxxx xxxx",
    "Singapore": "+65 xxxx xxxx",
    "United Arab Emirates": "+971 4 xxx xxxx",
    "India": "+91 22 xxxx xxxx",
    "Japan": "+81 6 xxxx xxxx",
    "Brazil": "+55 11 xxxx xxxx",
}
MOBILE_PREFIXES = (
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "156",
    "158",
    "159",
    "176",
    "177",
    "180",
    "181",
    "182",
    "186",
    "187",
    "188",
    "189",
    "199",
)

# (Chinese industry, English industry, Chinese products, English products).
INDUSTRIES = (
    (
        "电子元器件",
        "Electronic Components",
        ("贴片电容", "继电器", "电源模块"),
        ("SMD capacitors", "relays", "power modules"),
    ),
    ("包装材料", "Packaging", ("瓦楞纸箱", "气泡膜", "PET瓶坯"), ("corrugated cartons", "bubble wrap", "PET preforms")),
    ("纺织服装", "Textiles", ("纯棉T恤", "牛仔面料", "工作服"), ("cotton T-shirts", "denim fabric", "workwear")),
    ("五金工具", "Hardware", ("不锈钢螺丝", "电钻", "合页"), ("stainless screws", "power drills", "hinges")),
    ("食品饮料", "Food & Drink", ("绿茶", "坚果礼盒", "瓶装水"), ("green tea", "nut gift boxes", "bottled water")),
    ("化工原料", "Chemicals", ("环氧树脂", "钛白粉", "工业酒精"), ("epoxy resin", "titanium dioxide", "ethanol")),
    ("家具家居", "Furniture", ("办公椅", "实木餐桌", "床垫"), ("office chairs", "oak dining tables", "mattresses")),
    ("汽车配件", "Auto Parts", ("刹车片", "雨刮器", "LED车灯"), ("brake pads", "wiper blades", "LED headlights")),
    ("照明灯具", "Lighting", ("LED灯带", "筒灯", "太阳能路灯"), ("LED strips", "downlights", "solar street lights")),
    ("机械设备", "Machinery", ("注塑机", "数控车床", "空压机"), ("injection moulders", "CNC lathes", "compressors")),
    (
        "医疗器械",
        "Medical Supplies",
        ("医用口罩", "血压计", "输液器"),
        ("face masks", "blood pressure monitors", "infusion sets"),
    ),
    ("建材", "Building Materials", ("瓷砖", "石膏板", "防水涂料"), ("ceramic tiles", "plasterboard", "waterproofing")),
)

COMPANY_WORDS = tuple("华信海润启明恒达金盛鑫源宏图远航新创天成永利嘉禾瑞丰中联东方博远盛世康泰")
COMPANY_SUFFIXES = (
    "贸易有限公司",
    "科技有限公司",
    "实业有限公司",
    "制造有限公司",
    "商贸行",
    "进出口有限公司",
    "股份有限公司",
)
ENGLISH_COMPANY_WORDS = (
    "Acme",
    "Northwind",
    "Bluewater",
    "Summit",
    "Evergreen",
    "Harbor",
    "Pioneer",
    "Atlas",
    "Crescent",
    "Keystone",
    "Redwood",
    "Silverline",
    "Orion",
    "Meridian",
    "Lighthouse",
    "Granite",
)
# Company forms by country, so a Dutch customer is a B.V. and a British one a Ltd.
COMPANY_FORMS = {
    "United Kingdom": ("Ltd", "Trading Ltd", "plc"),
    "Germany": ("GmbH", "AG"),
    "Netherlands": ("B.V.",),
    "France": ("SARL", "SA"),
    "Italy": ("S.r.l.", "S.p.A."),
    "United States": ("Inc.", "LLC", "Supply Co."),
    "Canada": ("Inc.", "Ltd"),
    "Australia": ("Pty Ltd",),
    "Singapore": ("Pte Ltd",),
    "United Arab Emirates": ("LLC", "FZE"),
    "India": ("Pvt Ltd",),
    "Japan": ("Co., Ltd.",),
    "Brazil": ("Ltda.",),
}

SOURCES = (
    ("转介绍", 20),
    ("展会", 14),
    ("广交会", 8),
    ("微信群", 14),
    ("阿里巴巴", 10),
    ("1688", 6),
    ("陌生电话", 8),
    ("官网询盘", 8),
    ("老客户", 6),
    ("referral", 6),
    ("trade show", 5),
    ("Alibaba", 4),
    ("LinkedIn", 3),
    ("cold call", 3),
    ("website", 3),
)
CHINESE_TITLES = ("采购经理", "总经理", "财务", "采购专员", "老板", "仓库主管", "质量经理", "销售总监")
ENGLISH_TITLES = ("Purchasing Manager", "Owner", "Accounts", "Buyer", "Managing Director", "Logistics", "QA Lead")
CHINESE_MAIL_DOMAINS = ("163.com", "qq.com", "126.com", "sina.com", "foxmail.com")
ENGLISH_MAIL_DOMAINS = ("gmail.com", "outlook.com", "example.com", "mail.example")
PAYMENT_TERMS = ("款到发货", "月结30天", "月结60天", "30% deposit, 70% before shipment", "Net 30", "货到付款", "")
NEEDS = (
    "稳定供货，价格敏感",
    "需要小批量定制",
    "要求开增值税专票",
    "看重交期",
    "Prefers sea freight, FOB Ningbo",
    "Needs CE certificates",
    "Asks for samples before every order",
    "",
)
PREFERENCES = ("只接受微信联系", "上午打电话", "周末不打扰", "Email only, English", "Call after 3 pm their time", "")
TAGS = ("回头客", "大客户", "价格敏感", "账期长", "需开票", "exporter", "samples", "slow payer", "")

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
FOLLOW_UP_TITLES = (
    ("确认订单#{order}交期", "催收货款", "回访{product}使用情况", "发送新报价", "约拜访时间", "处理投诉"),
    (
        "Confirm delivery date of order #{order}",
        "Chase payment",
        "Check how the {product} are doing",
        "Send the new price list",
        "Book a visit",
        "Resolve the complaint",
    ),
)
