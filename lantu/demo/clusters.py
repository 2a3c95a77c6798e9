"""Industrial clusters: 3 of the 千亿级 class, 6 of the 百亿级 class, and the emerging ones."""

from lantu.demo.facts import ClusterFact, fyp

_NINE = fyp("已形成煤基、铝基、新能源3个千亿级产业集群和油气、粮油等6个百亿级产业集群")
_EMERGING = fyp("培育壮大氢能、算力、生物制造、低空经济等战略性新兴产业集群规模")

CLUSTERS: tuple[ClusterFact, ...] = (
    ClusterFact(code="coal", name="煤基产业集群", tier="100b", order=1, cite=_NINE),
    ClusterFact(code="aluminium", name="铝基产业集群", tier="100b", order=2, cite=_NINE),
    ClusterFact(code="new-energy", name="新能源产业集群", tier="100b", order=3, cite=_NINE),
    ClusterFact(code="oil-gas", name="油气产业集群", tier="10b", order=4, cite=_NINE),
    ClusterFact(code="grain-oil", name="粮油产业集群", tier="10b", order=5, cite=_NINE),
    # The texts name only two of the six 百亿级 clusters ("油气、粮油等"); the other four are sample.
    ClusterFact(code="silicon", name="硅基新材料产业集群", tier="10b", order=6, sample=True),
    ClusterFact(code="equipment", name="装备制造产业集群", tier="10b", order=7, sample=True),
    ClusterFact(code="livestock", name="畜牧产品加工产业集群", tier="10b", order=8, sample=True),
    ClusterFact(code="building-materials", name="新型建材产业集群", tier="10b", order=9, sample=True),
    ClusterFact(code="hydrogen", name="氢能产业集群", tier="other", order=10, cite=_EMERGING),
    ClusterFact(code="computing", name="算力产业集群", tier="other", order=11, cite=_EMERGING),
    ClusterFact(code="biomanufacturing", name="生物制造产业集群", tier="other", order=12, cite=_EMERGING),
    ClusterFact(code="low-altitude", name="低空经济产业集群", tier="other", order=13, cite=_EMERGING),
)
