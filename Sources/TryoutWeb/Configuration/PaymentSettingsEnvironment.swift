import Foundation
import TryoutApp
import TryoutCore
import Vapor

/// A setting that cannot be used as given, worded for whoever runs the server.
public struct SettingsProblem: Error, Sendable {
    public var message: String
}

extension PaymentSettings {
    /// `TRYOUT_PLATFORM_FEE_BPS`, `TRYOUT_BANK_DETAILS`, `TRYOUT_PAYOUT_APPROVAL_ABOVE`,
    /// `TRYOUT_PAYOUT_ACCOUNT` and the sealing key: `TRYOUT_SECRET_KEY` (base64 of 32 bytes), or
    /// else `secret.key` in the data directory, made on first start. Servers that share one
    /// database must share the key: set `TRYOUT_SECRET_KEY` when they run on several machines.
    static func fromEnvironment(dataDirectory: String) -> Result<PaymentSettings, SettingsProblem> {
        Result {
            guard let fee = PlatformFee.basisPoints(Environment.get("TRYOUT_PLATFORM_FEE_BPS")) else {
                throw SettingsProblem(message: "TRYOUT_PLATFORM_FEE_BPS must be a whole number of basis points from 0 to \(PlatformFee.maximumBasisPoints).")
            }
            guard let approval = PayoutApprovalPolicy.parse(Environment.get("TRYOUT_PAYOUT_APPROVAL_ABOVE")) else {
                throw SettingsProblem(message: "TRYOUT_PAYOUT_APPROVAL_ABOVE must be a whole amount of zero or more, in the batch currency's major unit.")
            }
            let account = Environment.get("TRYOUT_PAYOUT_ACCOUNT").flatMap { $0.isEmpty ? nil : $0 }
            let debtor = PayoutDebtor.parse(account)
            if account != nil, debtor == nil {
                throw SettingsProblem(message: "TRYOUT_PAYOUT_ACCOUNT must read Name|IBAN|BIC (the BIC may be left out), with a valid IBAN.")
            }
            let bankDetails = (Environment.get("TRYOUT_BANK_DETAILS") ?? "").split(separator: "|")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return PaymentSettings(feeBasisPoints: fee, bankDetails: bankDetails, cipher: try secretKey(dataDirectory: dataDirectory),
                                   approval: approval, payoutAccount: debtor)
        }.mapError { $0 as? SettingsProblem ?? SettingsProblem(message: "\($0)") }
    }

    private static func secretKey(dataDirectory: String) throws -> FieldCipher {
        if let text = Environment.get("TRYOUT_SECRET_KEY"), !text.isEmpty {
            guard let cipher = FieldCipher(base64: text) else {
                throw SettingsProblem(message: "TRYOUT_SECRET_KEY must be 32 random bytes in base64, such as `openssl rand -base64 32` prints.")
            }
            return cipher
        }
        guard let text = try KeyFile.text("secret.key", in: dataDirectory, variable: "TRYOUT_SECRET_KEY", making: FieldCipher.newKeyText),
              let cipher = FieldCipher(base64: text) else {
            let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent("secret.key").path
            throw SettingsProblem(message: "\(path) must hold 32 bytes in base64; restore it from a backup (payout details sealed with it cannot be read otherwise).")
        }
        return cipher
    }
}
