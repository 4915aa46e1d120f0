import HummingbirdTesting
import Yams
