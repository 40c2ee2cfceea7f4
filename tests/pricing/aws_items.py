"""Realistic get_products PriceList items (shape of the live API: each item a JSON string)."""

from __future__ import annotations

import json


def ec2_instance_item(
    instance_type: str, price: str, region: str = "us-east-1", sku: str = "6C86BEPQVG73ZGGR"
) -> str:
    return json.dumps(
        {
            "product": {
                "productFamily": "Compute Instance",
                "attributes": {
                    "capacitystatus": "Used",
                    "instanceType": instance_type,
                    "licenseModel": "No License required",
                    "location": "US East (N. Virginia)",
                    "locationType": "AWS Region",
                    "operatingSystem": "Linux",
                    "operation": "RunInstances",
                    "preInstalledSw": "NA",
                    "regionCode": region,
                    "servicecode": "AmazonEC2",
                    "tenancy": "Shared",
                    "usagetype": f"BoxUsage:{instance_type}",
                },
                "sku": sku,
            },
            "serviceCode": "AmazonEC2",
            "terms": {
                "OnDemand": {
                    f"{sku}.JRTCKXETXF": {
                        "offerTermCode": "JRTCKXETXF",
                        "sku": sku,
                        "effectiveDate": "2026-03-01T00:00:00Z",
                        "termAttributes": {},
                        "priceDimensions": {
                            f"{sku}.JRTCKXETXF.6YS6EN2CT7": {
                                "rateCode": f"{sku}.JRTCKXETXF.6YS6EN2CT7",
                                "description": f"${price} per On Demand Linux {instance_type} Instance Hour",
                                "unit": "Hrs",
                                "beginRange": "0",
                                "endRange": "Inf",
                                "pricePerUnit": {"USD": price},
                                "appliesTo": [],
                            }
                        },
                    }
                },
                "Reserved": {
                    f"{sku}.38NPMPTW36": {
                        "offerTermCode": "38NPMPTW36",
                        "sku": sku,
                        "effectiveDate": "2026-03-01T00:00:00Z",
                        "termAttributes": {"LeaseContractLength": "3yr", "PurchaseOption": "Partial Upfront"},
                        "priceDimensions": {
                            f"{sku}.38NPMPTW36.2TG2D8R56U": {
                                "description": "Upfront Fee",
                                "unit": "Quantity",
                                "pricePerUnit": {"USD": "505"},
                            }
                        },
                    }
                },
            },
            "version": "20260320042925",
            "publicationDate": "2026-03-20T04:29:25Z",
        }
    )


def storage_item(volume: str, price: str, sku: str = "7U7TWP44UP36AT3R", region: str = "us-east-1") -> str:
    return json.dumps(
        {
            "product": {
                "productFamily": "Storage",
                "attributes": {
                    "volumeApiName": volume,
                    "regionCode": region,
                    "servicecode": "AmazonEC2",
                },
                "sku": sku,
            },
            "serviceCode": "AmazonEC2",
            "terms": {
                "OnDemand": {
                    f"{sku}.JRTCKXETXF": {
                        "offerTermCode": "JRTCKXETXF",
                        "sku": sku,
                        "effectiveDate": "2026-03-01T00:00:00Z",
                        "termAttributes": {},
                        "priceDimensions": {
                            f"{sku}.JRTCKXETXF.6YS6EN2CT7": {
                                "rateCode": f"{sku}.JRTCKXETXF.6YS6EN2CT7",
                                "description": f"${price} per GB-month of {volume} provisioned storage",
                                "unit": "GB-Mo",
                                "beginRange": "0",
                                "endRange": "Inf",
                                "pricePerUnit": {"USD": price},
                                "appliesTo": [],
                            }
                        },
                    }
                }
            },
            "version": "20260320042925",
            "publicationDate": "2026-03-20T04:29:25Z",
        }
    )


def tiered_item() -> str:
    """S3 Standard storage in us-east-1: three tiers (first 50 TB, next 450 TB, over 500 TB), given out of order."""
    sku = "WP9ANXZGBYYSGJEA"
    tiers = [
        ("51200", "512000", "0.022", "ABC1"),
        ("0", "51200", "0.023", "ABC0"),
        ("512000", "Inf", "0.021", "ABC2"),
    ]
    dims = {
        f"{sku}.JRTCKXETXF.{rate}": {
            "rateCode": f"{sku}.JRTCKXETXF.{rate}",
            "description": "storage",
            "unit": "GB-Mo",
            "beginRange": begin,
            "endRange": end,
            "pricePerUnit": {"USD": price},
            "appliesTo": [],
        }
        for begin, end, price, rate in tiers
    }
    return json.dumps(
        {
            "product": {
                "productFamily": "Storage",
                "attributes": {"storageClass": "General Purpose"},
                "sku": sku,
            },
            "serviceCode": "AmazonS3",
            "terms": {
                "OnDemand": {
                    f"{sku}.JRTCKXETXF": {
                        "sku": sku,
                        "effectiveDate": "2026-03-01T00:00:00Z",
                        "priceDimensions": dims,
                    }
                }
            },
            "version": "20260320042925",
            "publicationDate": "2026-03-20T04:29:25Z",
        }
    )
